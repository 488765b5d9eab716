// The desk summary's delega: the chosen file is uploaded at once (raw body, CSRF header) and its id
// goes into the form's hidden "delega" field. No inline scripts under the CSP.
(function () {
  'use strict';
  var input = document.getElementById('delega-file');
  var hidden = document.getElementById('delega');
  var status = document.getElementById('delega-stato');
  if (!input || !hidden || !status) return;
  var token = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    if (!file) return;
    status.textContent = 'Caricamento della delega in corso…';
    fetch(input.getAttribute('data-upload-url'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name), 'X-CSRF-Token': token, Accept: 'application/json' },
      body: file,
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (res.status === 201) {
          hidden.value = body.id;
          status.textContent = 'Delega caricata: ' + body.name;
        } else {
          hidden.value = '';
          status.textContent = file.name + ': ' + (body.detail || 'la delega non è stata caricata.');
        }
      });
    }, function () {
      status.textContent = file.name + ': connessione non disponibile, riprovare.';
    });
  });
})();
