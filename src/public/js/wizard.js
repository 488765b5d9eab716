// The application wizard: one form-js form, shown one step at a time; the draft is saved on every step.
(function () {
  'use strict';
  var F = window.SportelloForms;
  var cfg = F.readJson('wizard-data');
  var container = document.getElementById('wizard-form');
  var alertBox = document.getElementById('wizard-alert');
  var back = document.getElementById('wizard-back');
  var next = document.getElementById('wizard-next');
  var saved = document.getElementById('wizard-saved');
  var title = document.getElementById('wizard-step-title');
  var index = document.getElementById('wizard-index');
  var current = cfg.step || 0;
  var U = window.SportelloUploads;
  var uploadHost = document.getElementById('wizard-uploads');
  var uploads = new U.Uploads(cfg, uploadHost);
  var filepickerIds = (cfg.filepickers || []).map(function (f) { return f.id; });
  var topIds = cfg.topIds.filter(function (id) { return filepickerIds.indexOf(id) < 0; });
  var form = new FormViewer.Form({ container: container });
  F.translateErrors(container);

  // form-js lays each top-level component out in its own row, in schema order.
  function rowOf(id) {
    var rows = container.querySelectorAll('.fjs-form > .fjs-element > .fjs-vertical-layout > .fjs-layout-row');
    return rows[topIds.indexOf(id)] || null;
  }

  function stepOfId(id) {
    var step = cfg.stepOf[String(id).replace(/_\d+$/, '')];
    return step === undefined ? -1 : step;
  }

  function firstInput(id) {
    return container.querySelector('[id$="-' + id + '"], [id*="-' + id + '-"]');
  }

  function show(step, focus) {
    current = step;
    cfg.steps.forEach(function (s, n) {
      s.ids.forEach(function (id) {
        var row = rowOf(id);
        if (row) row.hidden = n !== step;
      });
    });
    document.querySelectorAll('#wizard-steps li[data-step]').forEach(function (li) {
      var n = Number(li.getAttribute('data-step'));
      li.classList.toggle('active', n === step);
      li.classList.toggle('confirmed', n < step);
      var state = li.querySelector('[data-step-state]');
      if (state) state.textContent = n === step ? ' (passo corrente)' : n < step ? ' (completato)' : '';
      if (n === step) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
    });
    uploads.show(step);
    title.textContent = cfg.steps[step].title;
    index.textContent = 'Passo ' + (step + 1) + ' di ' + (cfg.steps.length + 1);
    back.disabled = step === 0;
    next.textContent = step === cfg.steps.length - 1 ? 'Vai al riepilogo' : 'Avanti';
    if (focus) title.focus();
  }

  function errorsOfStep(all, step) {
    var mine = {};
    Object.keys(all || {}).forEach(function (id) {
      if (stepOfId(id) === step) mine[id] = all[id];
    });
    return mine;
  }

  function data() {
    return uploads.merge(JSON.parse(JSON.stringify(form._getState().data)));
  }

  function save(step, final) {
    saved.textContent = 'Salvataggio della bozza…';
    return F.send('PUT', cfg.draftUrl, { data: data(), step: step, final: final }).then(function (res) {
      if (res.status === 200) {
        saved.textContent = 'Bozza salvata alle ' + new Date(res.body.updatedAt).toLocaleTimeString('it-IT', { hour: '2-digit', minute: '2-digit' });
        return true;
      }
      saved.textContent = '';
      var problem = res.body || {};
      var byId = {};
      var firstStep = -1;
      var uploadErrors = {};
      (problem.errors || []).forEach(function (e) {
        var path = String(e.field).replace(/\[\d+\]/g, '').replace(/^data\./, '');
        var us = uploads.stepOfPath(path);
        if (us >= 0) {
          (uploadErrors[path] = uploadErrors[path] || []).push(e.message);
          if (firstStep < 0 || us < firstStep) firstStep = us;
          return;
        }
        var id = cfg.fieldIds[String(e.field).replace(/\[\d+\]/g, '')];
        if (!id) return;
        (byId[id] = byId[id] || []).push(e.message);
        var s = stepOfId(id);
        if (s >= 0 && (firstStep < 0 || s < firstStep)) firstStep = s;
      });
      F.showAlert(alertBox, problem.detail || 'Non è stato possibile salvare la bozza.');
      if (firstStep >= 0) {
        show(firstStep, true);
        F.showFieldErrors(form, container, byId);
        uploads.showErrors(uploadErrors);
      }
      return false;
    }, function () {
      saved.textContent = '';
      F.showAlert(alertBox, 'Connessione non disponibile: la bozza non è stata salvata. Riprovare.');
      return false;
    });
  }

  next.addEventListener('click', function () {
    F.showAlert(alertBox, '');
    var stepErrors = errorsOfStep(form.validate(), current);
    F.showFieldErrors(form, container, stepErrors);
    var invalid = Object.keys(stepErrors);
    var uploadsOk = uploads.validate(current);
    if (invalid.length || !uploadsOk) {
      F.showAlert(alertBox, 'Correggi i campi evidenziati prima di continuare.');
      var field = invalid.length ? firstInput(invalid[0]) : uploadHost.querySelector('.field-error:not(:empty)');
      if (field && !invalid.length) field = field.parentNode.querySelector('input[type=file]');
      if (field && typeof field.focus === 'function') field.focus();
      return;
    }
    var last = current === cfg.steps.length - 1;
    next.disabled = true;
    save(last ? current : current + 1, last).then(function (ok) {
      next.disabled = false;
      if (!ok) return;
      if (last) window.location.assign(cfg.summaryUrl);
      else show(current + 1, true);
    });
  });

  back.addEventListener('click', function () {
    F.showAlert(alertBox, '');
    F.showFieldErrors(form, container, {});
    save(current - 1, false);
    show(current - 1, true);
  });

  form.importSchema(U.withoutFilepickers(cfg.schema, cfg.filepickers || []), cfg.data).then(function () {
    show(Math.min(current, cfg.steps.length - 1), false);
  }, function () {
    F.showAlert(alertBox, 'Non è stato possibile caricare il modulo. Ricaricare la pagina.');
  });
})();
