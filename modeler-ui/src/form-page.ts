import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';
import { FormEditor } from '@bpmn-io/form-js-editor';
import { api } from './api';
import { el } from './dom';
import { M } from './messages';

export async function showForm(app: HTMLElement, key: string): Promise<void> {
  const form = await api.form(key);
  document.title = `${M.formTitle(key)} · Modeler`;
  const status = el('p', { class: 'sp-status', role: 'status', 'aria-live': 'polite' });
  const save = el('button', { type: 'button', class: 'sp-button' }, M.save);
  const container = el('div', { class: 'sp-form-editor', id: 'sp-form-editor' });
  app.replaceChildren(el('div', { class: 'sp-toolbar' }, el('h1', {}, M.formTitle(key)), save), status, container);
  const editor = new FormEditor({ container });
  await editor.importSchema(form.schema);
  save.addEventListener('click', async () => {
    await api.saveForm(key, editor.saveSchema());
    status.textContent = M.saved;
  });
  (window as unknown as { sportelloFormEditor: unknown }).sportelloFormEditor = editor;
}
