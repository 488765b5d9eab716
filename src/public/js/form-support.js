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
      var input = container.querySelector('[id$="-' + id + '"]');
      if (!input || !input.parentNode) return;
      var div = document.createElement('div');
      div.className = 'field-error';
      div.setAttribute('role', 'alert');
      div.textContent = errorsById[id].join(' ');
      input.parentNode.appendChild(div);
    });
  }

  function showAlert(el, text) {
    el.textContent = text;
    el.classList.toggle('d-none', !text);
  }

  // form-js writes its validation messages in English: they are shown in Italian.
  var ITALIAN = [
    [/^Field is required\.?$/, 'Campo obbligatorio.'],
    [/^Field must have minimum length of (\S+?)\.?$/, 'Inserire almeno $1 caratteri.'],
    [/^Field must have maximum length of (\S+?)\.?$/, 'Inserire al massimo $1 caratteri.'],
    [/^Field must have minimum value of (\S+?)\.?$/, 'Il valore minimo è $1.'],
    [/^Field must have maximum value of (\S+?)\.?$/, 'Il valore massimo è $1.'],
    [/^Field must match pattern (.+?)\.?$/, 'Il valore non è nel formato richiesto.'],
    [/^Field must be a valid email\.?$/, 'Inserire un indirizzo e-mail valido.'],
    [/^Field must be a valid\s+international phone number.*$/, 'Inserire un numero di telefono in formato internazionale (ad esempio +393331234567).'],
    [/^Value is not a number\.?$/, 'Il valore non è un numero.'],
    [/^Value is expected to be (.+)$/, 'Il valore non è valido.'],
  ];

  function italian(text) {
    for (var i = 0; i < ITALIAN.length; i++) {
      if (ITALIAN[i][0].test(text)) return text.replace(ITALIAN[i][0], ITALIAN[i][1]);
    }
    return text;
  }

  function translateErrors(container) {
    // Only text nodes' values change: the nodes stay the ones preact (form-js) manages.
    var run = function () {
      var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var parent = node.parentElement;
        if (!parent) continue;
        var value = node.nodeValue.trim();
        if (parent.closest('.fjs-form-field-error')) {
          var t = italian(value);
          if (t !== value) node.nodeValue = t;
        } else if (value === 'Select' && parent.closest('.fjs-select-display, option')) {
          node.nodeValue = 'Seleziona';
        }
      }
    };
    new MutationObserver(run).observe(container, { childList: true, subtree: true, characterData: true });
    run();
  }

  window.SportelloForms = {
    translateErrors: translateErrors, csrfToken: csrfToken, readJson: readJson, send: send, showFieldErrors: showFieldErrors, showAlert: showAlert };
})();
