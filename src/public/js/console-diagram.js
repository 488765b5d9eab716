// The console task page's diagram: the case's model (at the version it started on) in bpmn-js's
// NavigatedViewer, with the current position highlighted. Data comes from the page's own route.
(function () {
  'use strict';
  var container = document.getElementById('diagramma');
  if (!container || !window.BpmnJS) return;
  var viewer = new window.BpmnJS({ container: container });
  fetch(container.getAttribute('data-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (res) { return res.ok ? res.json() : null; })
    .then(function (data) {
      if (!data || !data.xml) {
        container.textContent = 'Diagramma non disponibile.';
        return;
      }
      return viewer.importXML(data.xml).then(function () {
        var canvas = viewer.get('canvas');
        var registry = viewer.get('elementRegistry');
        (data.done || []).forEach(function (id) { if (registry.get(id)) canvas.addMarker(id, 'console-done'); });
        (data.current || []).forEach(function (id) { if (registry.get(id)) canvas.addMarker(id, 'console-current'); });
        canvas.zoom('fit-viewport');
        container.setAttribute('data-ready', 'true');
      });
    })
    .catch(function () {
      container.textContent = 'Diagramma non disponibile.';
    });
})();
