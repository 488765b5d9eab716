import { allFlowElements, camundaProperties, elementsOf, eventDefinitionTypes, ModdleElement } from './moddle-helpers';
import { CITIZEN_STATUSES, CitizenStatus } from './catalogue.types';

/**
 * The citizen-visible phases of a process in diagram order: the distinct `citizenStatus` values
 * met on a breadth-first walk from the plain start event along sequence flows (boundary events
 * follow their host, a sub-process is entered at its start). A phase's place is its shortest
 * distance from the start; phases at the same distance keep the order of CITIZEN_STATUSES. The
 * engine keeps its element index to itself, so this is computed at deploy and stored with the
 * model version; the portal's stepper reads it without the engine.
 */
export function citizenPhases(proc: ModdleElement): CitizenStatus[] {
  const elements = allFlowElements(proc);
  const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
  const next = (node: ModdleElement): ModdleElement[] => [
    ...flows.filter((f) => f.sourceRef === node).map((f) => f.targetRef as ModdleElement | undefined),
    ...elements.filter((e) => e.$type === 'bpmn:BoundaryEvent' && e.attachedToRef === node),
    ...(node.$type === 'bpmn:SubProcess' ? elementsOf(node, 'flowElements').filter((e) => e.$type === 'bpmn:StartEvent') : []),
  ].filter((n): n is ModdleElement => Boolean(n));
  const start = elementsOf(proc, 'flowElements').find((e) => e.$type === 'bpmn:StartEvent' && eventDefinitionTypes(e).length === 0);
  if (!start) return [];
  const depth = new Map<ModdleElement, number>([[start, 0]]);
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    for (const n of next(node)) {
      if (depth.has(n)) continue;
      depth.set(n, depth.get(node)! + 1);
      queue.push(n);
    }
  }
  const first = new Map<CitizenStatus, number>();
  for (const [node, d] of depth) {
    const status = camundaProperties(node).find((p) => p.name === 'citizenStatus')?.value.trim();
    if (!isCitizenStatus(status)) continue;
    if (!first.has(status) || first.get(status)! > d) first.set(status, d);
  }
  const rank = (s: CitizenStatus): number => CITIZEN_STATUSES.indexOf(s);
  return [...first.keys()].sort((a, b) => first.get(a)! - first.get(b)! || rank(a) - rank(b));
}

const isCitizenStatus = (s: string | undefined): s is CitizenStatus => (CITIZEN_STATUSES as readonly string[]).includes(s ?? '');
