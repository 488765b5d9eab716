import { api, ModelerItem } from './api';
import { el } from './dom';
import { M } from './messages';

export async function showList(app: HTMLElement): Promise<void> {
  const { procedures, forms } = await api.catalogue();
  document.title = `${M.listTitle} · Modeler`;
  const section = (title: string, id: string, items: ModelerItem[], href: (key: string) => string): HTMLElement =>
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
    );
  app.replaceChildren(
    el('h1', {}, M.listTitle),
    section(M.procedures, 'sp-procedures', procedures, (k) => `/modeler/processi/${encodeURIComponent(k)}`),
    section(M.forms, 'sp-forms', forms, (k) => `/modeler/moduli/${encodeURIComponent(k)}`),
  );
}
