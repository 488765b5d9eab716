/** Pure helpers over a bpmn-moddle element tree: no I/O, no moddle instance, so the modeler's browser bundle shares them. */

/** The subset of a bpmn-moddle element tree the catalogue reads. Everything else stays `unknown`. */
export interface ModdleElement {
  $type: string;
  $attrs?: Record<string, string>;
  $parent?: ModdleElement;
  id?: string;
  name?: string;
  [property: string]: unknown;
}

/** `bpmn:UserTask` → `userTask`, as analysts read it in the modeler's XML. */
export function typeName(element: ModdleElement): string {
  const local = element.$type.replace(/^[a-z]+:/, '');
  return local.charAt(0).toLowerCase() + local.slice(1);
}

export function elementsOf(element: ModdleElement, property: string): ModdleElement[] {
  const value = element[property];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

export function stringOf(element: ModdleElement, property: string): string | undefined {
  const value = element[property];
  return typeof value === 'string' ? value : undefined;
}

/** Every flow element of a process, sub-processes included, depth first. */
export function allFlowElements(container: ModdleElement): ModdleElement[] {
  const out: ModdleElement[] = [];
  for (const el of elementsOf(container, 'flowElements')) {
    out.push(el);
    if (el.$type === 'bpmn:SubProcess' || el.$type === 'bpmn:Transaction' || el.$type === 'bpmn:AdHocSubProcess') {
      out.push(...allFlowElements(el));
    }
  }
  return out;
}

export function extensionValues(element: ModdleElement): ModdleElement[] {
  const ext = element.extensionElements as ModdleElement | undefined;
  return ext ? elementsOf(ext, 'values') : [];
}

/** `camunda:properties` of an element as name → value (first occurrence wins); duplicates are reported separately. */
export function camundaProperties(element: ModdleElement): Array<{ name: string; value: string }> {
  return extensionValues(element)
    .filter((v) => v.$type === 'camunda:Properties')
    .flatMap((p) => elementsOf(p, 'values'))
    .map((p) => ({ name: stringOf(p, 'name') ?? '', value: stringOf(p, 'value') ?? '' }));
}

export function eventDefinitionTypes(element: ModdleElement): string[] {
  return elementsOf(element, 'eventDefinitions').map((d) => d.$type);
}

/**
 * Fills `incoming`/`outgoing` of flow nodes from the sequence flows' sourceRef/targetRef, as bpmn-js does
 * on import: hand-written files leave them out, and layout and lint walk them. In memory only.
 */
export function linkSequenceFlows(definitions: ModdleElement): void {
  for (const root of elementsOf(definitions, 'rootElements').filter((e) => e.$type === 'bpmn:Process')) {
    for (const flow of allFlowElements(root).filter((e) => e.$type === 'bpmn:SequenceFlow')) {
      const link = (node: ModdleElement | undefined, property: 'incoming' | 'outgoing'): void => {
        if (!node) return;
        const list = elementsOf(node, property);
        if (!list.includes(flow)) node[property] = [...list, flow];
      };
      link(flow.sourceRef as ModdleElement | undefined, 'outgoing');
      link(flow.targetRef as ModdleElement | undefined, 'incoming');
    }
  }
}
