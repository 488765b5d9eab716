import { CONSOLE_MESSAGES as M } from './console.messages';

/** One submitted value with its start-form label: text, or the attachment ids of a file field. */
export interface ReadableField {
  label: string;
  text: string;
  fileIds: string[];
}

/** A section of the case data: the form's top level (no heading), a group, or one item of a list. */
export interface ReadableSection {
  heading: string | null;
  fields: ReadableField[];
}

interface Component {
  type?: unknown;
  key?: unknown;
  path?: unknown;
  label?: unknown;
  values?: unknown;
  components?: unknown;
}

const LAYOUT_ONLY = new Set(['text', 'spacer', 'separator', 'button', 'html', 'image', 'iframe', 'table', 'documentPreview', 'expression']);
const NUMBER = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 6 });
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const componentsOf = (c: unknown): Component[] => (isRecord(c) && Array.isArray(c.components) ? (c.components.filter(isRecord) as Component[]) : []);

function at(data: unknown, dotted: string): unknown {
  let current = data;
  for (const segment of dotted.split('.')) current = isRecord(current) && Object.hasOwn(current, segment) ? current[segment] : undefined;
  return current;
}

function optionLabel(c: Component, value: unknown): string {
  const options = Array.isArray(c.values) ? c.values.filter(isRecord) : [];
  const hit = options.find((o) => o.value === value);
  return hit && typeof hit.label === 'string' ? hit.label : plain(value);
}

function plain(value: unknown): string {
  if (value === undefined || value === null || value === '') return M.noValue;
  if (typeof value === 'boolean') return value ? M.yes : M.no;
  if (typeof value === 'number') return NUMBER.format(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(plain).join(', ');
  return JSON.stringify(value);
}

function textOf(c: Component, value: unknown): string {
  if ((c.type === 'select' || c.type === 'radio') && value !== undefined && value !== null && value !== '') return optionLabel(c, value);
  if ((c.type === 'checklist' || c.type === 'taglist') && Array.isArray(value)) return value.length ? value.map((v) => optionLabel(c, v)).join(', ') : M.noValue;
  return plain(value);
}

const fileIdsOf = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v.length > 0);

/**
 * The case's submitted data as the office reads it: every input of the start form with its
 * label (groups and list items as sections), choices by their labels, booleans as Sì/No, file
 * fields as the attachment ids they hold. Layout components are skipped; values the form does
 * not describe are not shown.
 */
export function readableFields(schema: Record<string, unknown> | null, data: Record<string, unknown>): ReadableSection[] {
  const sections: ReadableSection[] = [];
  const walk = (components: Component[], scope: unknown, heading: string | null): void => {
    const section: ReadableSection = { heading, fields: [] };
    sections.push(section);
    for (const c of components) {
      const type = typeof c.type === 'string' ? c.type : '';
      const label = typeof c.label === 'string' && c.label ? c.label : typeof c.key === 'string' ? c.key : '';
      if (LAYOUT_ONLY.has(type)) continue;
      if (type === 'group') {
        walk(componentsOf(c), typeof c.path === 'string' && c.path ? at(scope, c.path) : scope, label || heading);
        continue;
      }
      if (type === 'dynamiclist') {
        const items = typeof c.path === 'string' ? at(scope, c.path) : undefined;
        (Array.isArray(items) ? items : []).forEach((item, i) => walk(componentsOf(c), item, `${label} ${i + 1}`));
        continue;
      }
      if (typeof c.key !== 'string' || !c.key) continue;
      const value = at(scope, c.key);
      if (type === 'filepicker') section.fields.push({ label, text: '', fileIds: fileIdsOf(value) });
      else section.fields.push({ label, text: textOf(c, value), fileIds: [] });
    }
  };
  walk(componentsOf(schema), data, null);
  return sections.filter((s) => s.fields.length > 0);
}

/** form-js field ids by data key (dotted for fields inside groups), for showing server errors on their fields. */
export function fieldIdsByKey(schema: Record<string, unknown> | null): Record<string, string> {
  const ids: Record<string, string> = {};
  const walk = (components: Component[], prefix: string): void => {
    for (const c of components) {
      const nested = componentsOf(c);
      const path = typeof c.path === 'string' && c.path ? `${prefix}${c.path}.` : prefix;
      if (nested.length) walk(nested, path);
      const id = (c as { id?: unknown }).id;
      if (typeof c.key === 'string' && typeof id === 'string') ids[`${prefix}${c.key}`] = id;
    }
  };
  walk(componentsOf(schema), '');
  return ids;
}
