// A citizen task (e.g. an integration request): its form-js form, sent as JSON to the page route.
(function () {
  'use strict';
  var F = window.SportelloForms;
  var cfg = F.readJson('task-data');
  var container = document.getElementById('task-form');
  var alertBox = document.getElementById('task-alert');
  var button = document.getElementById('task-submit');
  var form = new FormViewer.Form({ container: container });
  F.translateErrors(container);
  form.importSchema(cfg.schema, cfg.data);
  button.addEventListener('click', function () {
    var result = form.submit();
    if (Object.keys(result.errors).length) {
      F.showAlert(alertBox, 'Correggi i campi evidenziati.');
      return;
    }
    button.disabled = true;
    F.send('POST', cfg.completeUrl, { data: result.data }).then(function (res) {
      button.disabled = false;
      if (res.status === 200) return window.location.assign(cfg.doneUrl);
      F.showAlert(alertBox, (res.body && res.body.detail) || 'Non è stato possibile inviare la risposta.');
    });
  });
})();
