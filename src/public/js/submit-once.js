// The summary's submit button sends once; the Idempotency-Key in the form makes a second send harmless anyway.
(function () {
  'use strict';
  var form = document.getElementById('submit-form');
  if (!form) return;
  form.addEventListener('submit', function () {
    var button = document.getElementById('submit-button');
    setTimeout(function () { button.disabled = true; }, 0);
  });
})();
