import { api, ModelerItem } from './api';
import { el, field, showErrors } from './dom';
import { M } from './messages';

export async function showList(app: HTMLElement): Promise<void> {
  const [{ procedures, forms }, ctx] = await Promise.all([api.catalogue(), api.context()]);
  document.title = `${M.listTitle} · Modeler`;
  const section = (title: string, id: string, items: ModelerItem[], href: (key: string) => string, create: HTMLElement): HTMLElement =>
    el(
      'section',
      { 'aria-labelledby': id },
      el('h2', { id }, title),
      el(
        'ul',
        { class: 'sp-list' },
        ...items.map((item) =>
          el(
            'li',
            {},
            el('a', { href: href(item.key) }, item.key),
            ' ',
            el('span', { class: 'sp-badge' }, M.source[item.source] ?? item.source),
            item.draftUpdatedBy && item.draftUpdatedAt ? el('span', { class: 'sp-meta' }, ` ${M.draftBy(item.draftUpdatedBy, new Date(item.draftUpdatedAt).toLocaleString('it-IT'))}`) : '',
          ),
        ),
      ),
      create,
    );
  app.replaceChildren(
    el('h1', {}, M.listTitle),
    section(M.procedures, 'sp-procedures', procedures, (k) => `/modeler/processi/${encodeURIComponent(k)}`, el('div', {}, newProcedureForm(ctx.offices), importForm())),
    section(M.forms, 'sp-forms', forms, (k) => `/modeler/moduli/${encodeURIComponent(k)}`, newFormForm()),
  );
}

/** "Nuova procedura": key, title and office; the server writes a draft from its template and the editor opens it. */
function newProcedureForm(offices: Array<{ key: string; name: string }>): HTMLElement {
  const key = el('input', { type: 'text', autocomplete: 'off', required: '', pattern: '[a-z][a-z0-9]*(-[a-z0-9]+)*' });
  const title = el('input', { type: 'text', autocomplete: 'off', required: '', maxlength: '200' });
  const office = el('select', {}, ...offices.map((o) => el('option', { value: o.key }, o.name)));
  const error = el('p', { class: 'sp-error', role: 'alert' });
  const form = el(
    'form',
    { class: 'sp-create', id: 'sp-new-procedure', 'aria-labelledby': 'sp-new-procedure-title', novalidate: '' },
    el('h3', { id: 'sp-new-procedure-title' }, M.newProcedure),
    field('nuova-chiave', M.fields.key, key, M.keyHint),
    field('nuova-titolo', M.fields.title, title),
    field('nuova-ufficio', M.fields.office, office),
    error,
    el('button', { type: 'submit', class: 'sp-button' }, M.newProcedure),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await api.createProcedure({ key: key.value.trim(), title: title.value.trim(), office: office.value });
      location.assign(`/modeler/processi/${encodeURIComponent(created.key)}`);
    } catch (e) {
      showErrors(form, e, { key: 'nuova-chiave', title: 'nuova-titolo', office: 'nuova-ufficio' }, error);
    }
  });
  return form;
}

/** "Nuovo modulo": a key; the server writes an empty draft and the form editor opens it. */
function newFormForm(): HTMLElement {
  const key = el('input', { type: 'text', autocomplete: 'off', required: '', pattern: '[a-z][a-z0-9]*(-[a-z0-9]+)*' });
  const error = el('p', { class: 'sp-error', role: 'alert' });
  const form = el(
    'form',
    { class: 'sp-create', id: 'sp-new-form', 'aria-labelledby': 'sp-new-form-title', novalidate: '' },
    el('h3', { id: 'sp-new-form-title' }, M.newForm),
    field('nuovo-modulo-chiave', M.fields.key, key, M.keyHint),
    error,
    el('button', { type: 'submit', class: 'sp-button' }, M.newForm),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await api.createForm(key.value.trim());
      location.assign(`/modeler/moduli/${encodeURIComponent(created.key)}`);
    } catch (e) {
      showErrors(form, e, { key: 'nuovo-modulo-chiave' }, error);
    }
  });
  return form;
}

/** Import of a shared procedure zip: on success its drafts open in the editor; problems are listed by file. */
function importForm(): HTMLElement {
  const file = el('input', { type: 'file', accept: '.zip,application/zip', required: '' });
  const error = el('p', { class: 'sp-error', role: 'alert' });
  const problems = el('ul', { class: 'sp-import-problems', id: 'sp-import-problems' });
  const form = el(
    'form',
    { class: 'sp-create', id: 'sp-import', 'aria-labelledby': 'sp-import-title', novalidate: '' },
    el('h3', { id: 'sp-import-title' }, M.importZip),
    field('importa-zip', M.importFile, file, M.importHint),
    error,
    problems,
    el('button', { type: 'submit', class: 'sp-button sp-secondary' }, M.importButton),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problems.replaceChildren();
    try {
      const chosen = file.files?.[0];
      const bytes = new Uint8Array(chosen ? await chosen.arrayBuffer() : new ArrayBuffer(0));
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      const imported = await api.importProcedure(btoa(binary));
      location.assign(`/modeler/processi/${encodeURIComponent(imported.key)}`);
    } catch (e) {
      showErrors(form, e, { content: 'importa-zip' }, error);
      const fieldErrors = (e as { fieldErrors?: Array<{ field: string; message: string }> }).fieldErrors ?? [];
      problems.replaceChildren(...fieldErrors.filter((f) => f.field !== 'content').map((f) => el('li', {}, `${f.field}: ${f.message}`)));
      if (problems.childElementCount) error.textContent = e instanceof Error ? e.message : String(e);
    }
  });
  return form;
}
