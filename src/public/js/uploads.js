// Upload controls for the wizard's filepicker fields: each file goes to the server at once
// (session + CSRF header); the field's value is the list of attachment ids (contract 2).
(function () {
  'use strict';
  var F = window.SportelloForms;

  function getPath(data, path) {
    return path.split('.').reduce(function (v, k) { return v && typeof v === 'object' ? v[k] : undefined; }, data);
  }

  function setPath(data, path, value) {
    var keys = path.split('.');
    var target = data;
    keys.slice(0, -1).forEach(function (k) {
      if (!target[k] || typeof target[k] !== 'object') target[k] = {};
      target = target[k];
    });
    target[keys[keys.length - 1]] = value;
  }

  // Removes the filepickers from the schema form-js renders (the page renders them instead).
  function withoutFilepickers(schema, fields) {
    var ids = fields.map(function (f) { return f.id; });
    var strip = function (components) {
      return components.filter(function (c) { return ids.indexOf(c.id) < 0; }).map(function (c) {
        return c.components ? Object.assign({}, c, { components: strip(c.components) }) : c;
      });
    };
    return Object.assign({}, schema, { components: strip(schema.components || []) });
  }

  function Uploads(cfg, host) {
    var self = this;
    this.fields = cfg.filepickers || [];
    this.ids = {};
    this.blocks = {};
    this.fields.forEach(function (field) {
      var existing = getPath(cfg.data, field.path);
      self.ids[field.path] = Array.isArray(existing) ? existing.filter(function (v) { return typeof v === 'string'; }) : [];
      self.blocks[field.id] = self.render(cfg, field, host);
    });
  }

  Uploads.prototype.render = function (cfg, field, host) {
    var self = this;
    var block = document.createElement('div');
    block.className = 'upload-field mb-4';
    block.setAttribute('data-upload-field', field.path);
    var inputId = 'upload-' + field.id;
    var label = document.createElement('label');
    label.className = 'form-label fw-semibold d-block';
    label.setAttribute('for', inputId);
    label.textContent = field.label + (field.required ? ' *' : '');
    var help = document.createElement('p');
    help.className = 'small mb-1';
    help.id = inputId + '-help';
    help.textContent = field.description;
    var input = document.createElement('input');
    input.type = 'file';
    input.id = inputId;
    input.className = 'form-control';
    if (field.accept) input.accept = field.accept;
    if (field.multiple) input.multiple = true;
    input.setAttribute('aria-describedby', inputId + '-help ' + inputId + '-error');
    var list = document.createElement('ul');
    list.className = 'list-unstyled small mt-2';
    list.setAttribute('aria-live', 'polite');
    var error = document.createElement('div');
    error.className = 'field-error';
    error.id = inputId + '-error';
    error.setAttribute('role', 'alert');
    block.append(label, help, input, list, error);
    host.appendChild(block);
    this.showCount(field, list);
    input.addEventListener('change', function () {
      var files = Array.prototype.slice.call(input.files || []);
      error.textContent = '';
      files.reduce(function (chain, file) {
        return chain.then(function () { return self.send(cfg, field, file, list, error); });
      }, Promise.resolve()).then(function () { input.value = ''; });
    });
    block._list = list;
    block._error = error;
    return block;
  };

  Uploads.prototype.showCount = function (field, list) {
    var n = this.ids[field.path].length;
    if (n && !list.children.length) {
      var li = document.createElement('li');
      li.textContent = n === 1 ? '1 file già caricato' : n + ' file già caricati';
      list.appendChild(li);
    }
  };

  Uploads.prototype.send = function (cfg, field, file, list, error) {
    var self = this;
    return fetch(cfg.uploadUrl + '?campo=' + encodeURIComponent(field.path), {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': file.type || 'application/octet-stream',
        'X-File-Name': encodeURIComponent(file.name),
        'X-CSRF-Token': F.csrfToken(),
        Accept: 'application/json',
      },
      body: file,
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (res.status === 201) {
          if (!field.multiple) { self.ids[field.path] = []; list.textContent = ''; }
          self.ids[field.path].push(body.id);
          var li = document.createElement('li');
          li.textContent = 'Caricato: ' + body.name;
          list.appendChild(li);
        } else {
          error.textContent = file.name + ': ' + (body.detail || 'il file non è stato caricato.');
        }
      });
    }, function () {
      error.textContent = file.name + ': connessione non disponibile, riprovare.';
    });
  };

  // Shows the blocks of this step; returns false (with a message) when a required one is empty.
  Uploads.prototype.show = function (step) {
    var self = this;
    this.fields.forEach(function (f) { self.blocks[f.id].hidden = f.step !== step; });
  };

  Uploads.prototype.validate = function (step) {
    var self = this;
    var ok = true;
    this.fields.forEach(function (f) {
      if (f.step !== step || !f.required) return;
      var block = self.blocks[f.id];
      if (self.ids[f.path].length === 0) {
        block._error.textContent = 'Allegare almeno un file.';
        ok = false;
      } else {
        block._error.textContent = '';
      }
    });
    return ok;
  };

  Uploads.prototype.showErrors = function (byPath) {
    var self = this;
    this.fields.forEach(function (f) {
      if (byPath[f.path]) self.blocks[f.id]._error.textContent = byPath[f.path].join(' ');
    });
  };

  Uploads.prototype.stepOfPath = function (path) {
    var field = this.fields.filter(function (f) { return f.path === path; })[0];
    return field ? field.step : -1;
  };

  Uploads.prototype.merge = function (data) {
    var self = this;
    this.fields.forEach(function (f) {
      if (self.ids[f.path].length) setPath(data, f.path, self.ids[f.path].slice());
    });
    return data;
  };

  window.SportelloUploads = { Uploads: Uploads, withoutFilepickers: withoutFilepickers };
})();
