// Shared helpers for pages that render form-js forms (no inline scripts: the CSP forbids them).
(function () {
  'use strict';

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  // JSON to a page route with the session's CSRF token; resolves { status, body }.
  function send(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrfToken() },
      body: JSON.stringify(body),
    }).then(function (res) {
      return res.text().then(function (text) {
        var parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
        return { status: res.status, body: parsed };
      });
    });
  }

  // Shows server field errors inline, through form-js's own error state when it has one.
  function showFieldErrors(form, container, errorsById) {
    container.querySelectorAll('.field-error').forEach(function (el) { el.remove(); });
    if (typeof form._setState === 'function') {
      form._setState({ errors: errorsById });
      return;
    }
    Object.keys(errorsById).forEach(function (id) {
      var el = container.querySelector('.fjs-element[data-id="' + id + '"]');
      if (!el) return;
      var div = document.createElement('div');
      div.className = 'field-error';
      div.setAttribute('role', 'alert');
      div.textContent = errorsById[id].join(' ');
      el.appendChild(div);
    });
  }

  function showAlert(el, text) {
    el.textContent = text;
    el.classList.toggle('d-none', !text);
  }

  window.SportelloForms = { csrfToken: csrfToken, readJson: readJson, send: send, showFieldErrors: showFieldErrors, showAlert: showAlert };
})();
