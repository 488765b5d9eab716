import './style.css';
import { el } from './dom';
import { M } from './messages';

/** One app, three pages, routed by the URL the platform served it under. */
async function main(): Promise<void> {
  const app = document.getElementById('app') as HTMLElement;
  const path = decodeURIComponent(location.pathname.replace(/\/+$/, ''));
  try {
    const procedure = /^\/modeler\/processi\/([^/]+)$/.exec(path);
    const form = /^\/modeler\/moduli\/([^/]+)$/.exec(path);
    if (procedure) await (await import('./bpmn-page')).showProcedure(app, procedure[1]);
    else if (form) await (await import('./form-page')).showForm(app, form[1]);
    else await (await import('./list-page')).showList(app);
  } catch (error) {
    app.replaceChildren(el('p', { class: 'sp-error', role: 'alert' }, M.loadError(error instanceof Error ? error.message : String(error))));
  }
}

void main();
