import { parseBpmn } from './bpmn-document';
import type { ElementChange, FormFieldsDiff, MetadataChange, SemanticDiff } from './publication.types';
import { allFlowElements, camundaProperties, elementsOf, eventDefinitionTypes, ModdleElement, stringOf, typeName } from './moddle-helpers';

/** One flow element as the diff compares it: its kind and what the engine and the citizen see of it. */
interface ElementFacts {
  id: string;
  type: string;
  name: string;
  facts: Record<string, string>;
}

/** Attributes of flow elements that change what the engine does or what a citizen reads. */
const COMPARED_ATTRIBUTES = ['name', 'formKey', 'candidateGroups', 'candidateUsers', 'assignee', 'implementation', 'default', 'dueDate'] as const;

/** The flow elements of every process of a diagram, by id, with the facts the diff compares. */
export async function elementFacts(xml: string): Promise<Map<string, ElementFacts>> {
  const { definitions } = await parseBpmn(xml);
  const out = new Map<string, ElementFacts>();
  for (const process of elementsOf(definitions, 'rootElements').filter((e) => e.$type === 'bpmn:Process')) {
    for (const element of allFlowElements(process)) {
      if (!element.id) continue;
      out.set(element.id, { id: element.id, type: typeName(element), name: element.name ?? '', facts: factsOf(element) });
    }
  }
  return out;
}

function factsOf(element: ModdleElement): Record<string, string> {
  const facts: Record<string, string> = {};
  for (const attribute of COMPARED_ATTRIBUTES) {
    const value = element[attribute];
    if (typeof value === 'string') facts[attribute] = value;
    else if (value && typeof value === 'object' && 'id' in value) facts[attribute] = String((value as ModdleElement).id);
  }
  const ref = (property: string): string | undefined => (element[property] as ModdleElement | undefined)?.id;
  if (ref('sourceRef')) facts.sourceRef = ref('sourceRef')!;
  if (ref('targetRef')) facts.targetRef = ref('targetRef')!;
  const condition = element.conditionExpression as ModdleElement | undefined;
  if (condition) facts.condition = stringOf(condition, 'body') ?? '';
  const events = eventDefinitionTypes(element);
  if (events.length) facts.eventDefinitions = events.join(',');
  for (const definition of elementsOf(element, 'eventDefinitions')) {
    const timer = ['timeDuration', 'timeDate', 'timeCycle'].map((p) => definition[p] as ModdleElement | undefined).find(Boolean);
    if (timer) facts.timer = stringOf(timer, 'body') ?? '';
  }
  for (const { name, value } of camundaProperties(element)) facts[`property:${name}`] = value;
  return facts;
}

/** Added, removed and changed flow elements between the current version and a draft (by element id). */
export async function diffDiagrams(currentXml: string, draftXml: string): Promise<Pick<SemanticDiff, 'added' | 'removed' | 'changed'>> {
  const [before, after] = await Promise.all([elementFacts(currentXml), elementFacts(draftXml)]);
  const brief = (e: ElementFacts): Omit<ElementChange, 'changed'> => ({ id: e.id, type: e.type, name: e.name });
  const added = [...after.values()].filter((e) => !before.has(e.id)).map(brief);
  const removed = [...before.values()].filter((e) => !after.has(e.id)).map(brief);
  const changed: ElementChange[] = [];
  for (const next of after.values()) {
    const previous = before.get(next.id);
    if (!previous) continue;
    const keys = [...new Set([...Object.keys(previous.facts), ...Object.keys(next.facts)])].sort();
    const differing = keys.filter((k) => previous.facts[k] !== next.facts[k]);
    if (previous.type !== next.type) differing.unshift('type');
    if (differing.length) changed.push({ ...brief(next), changed: differing });
  }
  return { added, removed, changed };
}

/** The keys of a form-js schema's input fields, nested groups included. */
export function formFieldKeys(schema: Record<string, unknown>): string[] {
  return [...formFields(schema).keys()];
}

/** Each input field by key, as a canonical text of what the citizen or operator meets (label, type, rules, options...), without layout, id or children. */
function formFields(schema: Record<string, unknown>): Map<string, string> {
  const fields = new Map<string, string>();
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v;
  const walk = (components: unknown): void => {
    if (!Array.isArray(components)) return;
    for (const c of components as Array<Record<string, unknown>>) {
      if (typeof c.key === 'string') {
        const { id: _id, layout: _layout, components: _children, ...facts } = c;
        fields.set(c.key, JSON.stringify(canonical(facts)));
      }
      walk(c.components);
    }
  };
  walk(schema.components);
  return fields;
}

export function diffFormFields(formKey: string, before: Record<string, unknown> | null, after: Record<string, unknown>): FormFieldsDiff | null {
  const was = before ? formFields(before) : new Map<string, string>();
  const now = formFields(after);
  const added = [...now.keys()].filter((k) => !was.has(k));
  const removed = [...was.keys()].filter((k) => !now.has(k));
  const changed = [...now.keys()].filter((k) => was.has(k) && was.get(k) !== now.get(k));
  return added.length || removed.length || changed.length ? { formKey, added, removed, changed } : null;
}

/** Procedure metadata that differs, as strings an analyst can read side by side. */
export function diffMetadata(before: Record<string, unknown> | null, after: Record<string, unknown>): MetadataChange[] {
  const show = (v: unknown): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v));
  return Object.keys(after)
    .filter((field) => show(before?.[field]) !== show(after[field]))
    .map((field) => ({ field, before: show(before?.[field]), after: show(after[field]) }));
}
