import type { FormComponent, FormSchema } from '../forms';

export interface WizardStep {
  title: string;
  /** Ids of the top-level components shown in this step. */
  ids: string[];
}

const DECLARATION = /^(dichiarazione|presaVisione|consenso)/;

/**
 * One step per top-level group; loose fields between groups make a "Dati della domanda" step;
 * trailing declaration checkboxes (veridicità, privacy) make the last step. Text blocks go with
 * the step after them.
 */
export function wizardSteps(schema: FormSchema): WizardStep[] {
  const components = schema.components ?? [];
  const steps: WizardStep[] = [];
  let pending: string[] = [];
  let loose: WizardStep | undefined;
  const declarations: string[] = [];
  const lastNonDeclaration = findLastIndex(components, (c) => !(c.type === 'checkbox' && DECLARATION.test(String(c.key ?? ''))));
  components.forEach((c, index) => {
    const id = String(c.id ?? c.key ?? `c${index}`);
    if (index > lastNonDeclaration) return void declarations.push(id);
    if (c.type === 'text' || c.type === 'spacer' || c.type === 'separator') return void pending.push(id);
    if (c.type === 'group' || c.type === 'dynamiclist') {
      loose = undefined;
      steps.push({ title: String(c.label ?? 'Dati'), ids: [...pending, id] });
    } else if (loose) {
      loose.ids.push(...pending, id);
    } else {
      loose = { title: 'Dati della domanda', ids: [...pending, id] };
      steps.push(loose);
    }
    pending = [];
  });
  if (declarations.length || pending.length) steps.push({ title: 'Dichiarazioni e privacy', ids: [...pending, ...declarations] });
  return steps;
}

/** Dotted data path of every field (as the server's validation reports it) to its component id. */
export function fieldIds(schema: FormSchema): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (components: FormComponent[], prefix: string[]): void => {
    for (const c of components) {
      const path = c.path ? [...prefix, ...String(c.path).split('.')] : prefix;
      if (c.key && c.id) out[[...prefix, ...String(c.key).split('.')].join('.')] = String(c.id);
      if (c.components) walk(c.components, path);
      if (c.path && c.id) out[path.join('.')] = String(c.id);
    }
  };
  walk(schema.components ?? [], []);
  return out;
}

/** Top-level data keys the form can produce: a tampered draft with anything else is refused. */
export function topLevelKeys(schema: FormSchema): Set<string> {
  const keys = new Set<string>();
  const walk = (components: FormComponent[]): void => {
    for (const c of components) {
      if (c.path) keys.add(String(c.path).split('.')[0]);
      else if (c.key) keys.add(String(c.key).split('.')[0]);
      else if (c.components) walk(c.components);
    }
  };
  walk(schema.components ?? []);
  return keys;
}

/** Labels and values of the cleaned data, in form order, for the summary page. */
export function summaryRows(schema: FormSchema, data: Record<string, unknown>): Array<{ section: string; rows: Array<{ label: string; value: string }> }> {
  const sections: Array<{ section: string; rows: Array<{ label: string; value: string }> }> = [];
  const current = (title: string) => {
    let s = sections.find((x) => x.section === title);
    if (!s) sections.push((s = { section: title, rows: [] }));
    return s;
  };
  const walk = (components: FormComponent[], scope: Record<string, unknown>, section: string): void => {
    for (const c of components) {
      if (c.components) {
        const inner = c.path ? (getPath(scope, String(c.path)) as Record<string, unknown> | undefined) : scope;
        walk(c.components, inner ?? {}, c.type === 'group' ? String(c.label ?? section) : section);
        continue;
      }
      if (!c.key) continue;
      const value = getPath(scope, String(c.key));
      if (value === undefined || value === null || value === '') continue;
      current(section).rows.push({ label: String(c.label ?? c.dateLabel ?? c.timeLabel ?? c.key), value: display(c, value) });
    }
  };
  walk(schema.components ?? [], data, 'Dati della domanda');
  return sections;
}

function display(c: FormComponent, value: unknown): string {
  if (c.type === 'filepicker' && Array.isArray(value)) return value.length === 1 ? '1 file allegato' : `${value.length} file allegati`;
  const options = Array.isArray(c.values) ? (c.values as Array<{ label?: string; value?: unknown }>) : [];
  const label = (v: unknown) => options.find((o) => o.value === v)?.label ?? String(v);
  if (typeof value === 'boolean') return value ? 'Sì' : 'No';
  if (Array.isArray(value)) return value.map(label).join(', ');
  if (typeof value === 'number') return value.toLocaleString('it-IT');
  if (typeof value === 'string' && c.type === 'datetime' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value.split('-').reverse().join('/');
  if (typeof value === 'object') return JSON.stringify(value);
  return label(value);
}

function getPath(data: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
}

function findLastIndex<T>(items: T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) if (test(items[i])) return i;
  return -1;
}

/** Ids of the top-level components in form order (form-js lays each out in its own row). */
export function topLevelIds(schema: FormSchema): string[] {
  return (schema.components ?? []).map((c, index) => String(c.id ?? c.key ?? `c${index}`));
}

/** The step of every component id, nested ones included (where form-js reports its errors). */
export function stepOfFields(schema: FormSchema, steps: WizardStep[]): Record<string, number> {
  const out: Record<string, number> = {};
  const mark = (c: FormComponent, step: number): void => {
    if (c.id) out[String(c.id)] = step;
    (c.components ?? []).forEach((child) => mark(child, step));
  };
  const top = topLevelIds(schema);
  (schema.components ?? []).forEach((c, index) => {
    const step = steps.findIndex((s) => s.ids.includes(top[index]));
    if (step >= 0) mark(c, step);
  });
  return out;
}

export interface FilepickerField {
  id: string;
  /** Data path of the value (an array of attachment ids), also the upload field. */
  path: string;
  label: string;
  description: string;
  accept: string;
  multiple: boolean;
  required: boolean;
  step: number;
}

/**
 * The filepicker fields outside repeating lists: the wizard renders its own upload control for
 * them (files go to the server at once; the value is the list of attachment ids, contract 2).
 */
export function filepickers(schema: FormSchema, steps: WizardStep[]): FilepickerField[] {
  const stepOf = stepOfFields(schema, steps);
  const out: FilepickerField[] = [];
  const walk = (components: FormComponent[], prefix: string[]): void => {
    for (const c of components) {
      if (c.type === 'dynamiclist' || c.isRepeating) continue;
      if (c.type === 'filepicker' && c.key && c.id) {
        out.push({
          id: String(c.id),
          path: [...prefix, ...String(c.key).split('.')].join('.'),
          label: String(c.label ?? c.key),
          description: typeof c.description === 'string' ? c.description : '',
          accept: typeof c.accept === 'string' ? c.accept : '',
          multiple: c.multiple === true,
          required: c.validate?.required === true,
          step: stepOf[String(c.id)] ?? 0,
        });
      }
      if (c.components) walk(c.components, c.path ? [...prefix, ...String(c.path).split('.')] : prefix);
    }
  };
  walk(schema.components ?? [], []);
  return out;
}
