// Bootstrap Italia's font loader reads its fonts from here (served from node_modules, no CDN).
window.__PUBLIC_PATH__ = '/static/bootstrap-italia/fonts';
