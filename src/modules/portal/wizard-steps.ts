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
