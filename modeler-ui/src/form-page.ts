import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';
import { FormEditor } from '@bpmn-io/form-js-editor';
import { api } from './api';
import { el, field, showErrors } from './dom';
import { M } from './messages';

export async function showForm(app: HTMLElement, key: string): Promise<void> {
  const form = await api.form(key);
  document.title = `${M.formTitle(key)} · Modeler`;
  const status = el('p', { class: 'sp-status', role: 'status', 'aria-live': 'polite' });
  const save = el('button', { type: 'button', class: 'sp-button' }, M.save);
  const container = el('div', { class: 'sp-form-editor', id: 'sp-form-editor' });
  app.replaceChildren(el('div', { class: 'sp-toolbar' }, el('h1', {}, M.formTitle(key)), save), status, container, copyOrRename(key));
  const editor = new FormEditor({ container });
  await editor.importSchema(form.schema);
  save.addEventListener('click', async () => {
    await api.saveForm(key, editor.saveSchema());
    status.textContent = M.saved;
  });
  (window as unknown as { sportelloFormEditor: unknown }).sportelloFormEditor = editor;
}

/** Duplicate the form under a new key, or rename it (only while it is a draft never published). */
function copyOrRename(key: string): HTMLElement {
  const newKey = el('input', { type: 'text', autocomplete: 'off', required: '', pattern: '[a-z][a-z0-9]*(-[a-z0-9]+)*' });
  const error = el('p', { class: 'sp-error', role: 'alert' });
  const duplicate = el('button', { type: 'button', class: 'sp-button sp-secondary' }, M.duplicate);
  const rename = el('button', { type: 'button', class: 'sp-button sp-secondary' }, M.rename);
  const section = el(
    'section',
    { class: 'sp-create', 'aria-labelledby': 'sp-form-actions' },
    el('h2', { id: 'sp-form-actions' }, M.formActions),
    field('modulo-nuova-chiave', M.newKey, newKey, M.keyHint),
    error,
    el('div', { class: 'sp-actions' }, duplicate, rename),
  );
  const act = (call: (key: string, newKey: string) => Promise<{ key: string }>) => async (): Promise<void> => {
    try {
      const done = await call(key, newKey.value.trim());
      location.assign(`/modeler/moduli/${encodeURIComponent(done.key)}`);
    } catch (e) {
      showErrors(section, e, { newKey: 'modulo-nuova-chiave', formKey: 'modulo-nuova-chiave' }, error);
    }
  };
  duplicate.addEventListener('click', act(api.duplicateForm));
  rename.addEventListener('click', act(api.renameForm));
  return section;
}
