// A task's form-js form, for the citizen on the portal and the operator in the console: sent as JSON
// to the task page's route with the version seen; the server's field errors are shown on their fields
// (where the page names its fields' ids), any other refusal above the form.
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
    F.showAlert(alertBox, '');
    var result = form.submit();
    if (Object.keys(result.errors).length) {
      F.showAlert(alertBox, 'Correggi i campi evidenziati.');
      return;
    }
    button.disabled = true;
    F.send('POST', cfg.completeUrl, { data: result.data, version: cfg.version }).then(function (res) {
      button.disabled = false;
      if (res.status === 200) return window.location.assign(cfg.doneUrl);
      var problem = res.body || {};
      var byId = {};
      (problem.errors || []).forEach(function (e) {
        var key = String(e.field).replace(/\[\d+\]/g, '').replace(/^data\./, '');
        var id = (cfg.fieldIds || {})[key];
        if (id) (byId[id] = byId[id] || []).push(e.message);
      });
      F.showFieldErrors(form, container, byId);
      F.showAlert(alertBox, problem.detail || cfg.failureMessage);
    }, function () {
      button.disabled = false;
      F.showAlert(alertBox, 'Connessione non disponibile: riprovare.');
    });
  });
})();
