import {
  allFlowElements,
  CAMUNDA_NS,
  camundaProperties,
  elementsOf,
  eventDefinitionTypes,
  ModdleElement,
  parseBpmn,
  stringOf,
  typeName,
} from './bpmn-document';
import { KEY_PATTERN, ProcedureDefinition, TaskForm } from './catalogue.types';
import { citizenPhases } from './citizen-phases';
import { lintDefinitions } from './lint/lint-procedure';
import type { SportelloLintContext } from './lint/lint-types';

/** What the rules of one procedure need to know about the rest of the catalogue. */
export interface ProcedureContext {
  officeKeys: ReadonlySet<string>;
  formKeys: ReadonlySet<string>;
  serviceNames: ReadonlySet<string>;
}

export interface MessageUse {
  name: string;
  where: string;
}

export interface ProcedureCheck {
  problems: string[];
  definition: ProcedureDefinition | null;
  messageStarts: MessageUse[];
  messageCatches: MessageUse[];
}

const where = (file: string, el: ModdleElement | null, label?: string): string =>
  `processes/${file}, ${label ?? (el ? `${typeName(el)} ${el.id ?? '(no id)'}` : `file ${file}`)}`;

/**
 * Checks one BPMN file: what needs the whole file (name, parse, namespace, one executable process named
 * like the file) here, every per-element convention (ARCHITECTURE.md §6, ENGINE.md §8-9) through the lint
 * rule set the modeler runs too (`lint/`).
 */
export async function checkProcedure(file: string, xml: string, ctx: ProcedureContext): Promise<ProcedureCheck> {
  const out: ProcedureCheck = { problems: [], definition: null, messageStarts: [], messageCatches: [] };
  const report = (el: ModdleElement | null, reason: string): void => void out.problems.push(`${where(file, el)}: ${reason}`);
  const key = file.replace(/\.bpmn$/, '');
  if (!KEY_PATTERN.test(key)) report(null, `file name "${file}" is not <kebab-case key>.bpmn`);

  let definitions: ModdleElement;
  try {
    const parsed = await parseBpmn(xml);
    definitions = parsed.definitions;
    for (const warning of parsed.warnings) report(definitions, `bpmn-moddle warning: ${warning}`);
    // Unresolved references leave the graph broken: the lint would only echo them. Fix these first.
    if (parsed.warnings.length > 0) return out;
  } catch (error) {
    report(null, `not a BPMN 2.0 document (${(error as Error).message.split('\n')[0]})`);
    return out;
  }
  if (definitions.$type !== 'bpmn:Definitions') {
    report(null, 'not a BPMN 2.0 document (no bpmn:definitions root)');
    return out;
  }
  if (!new RegExp(`xmlns:camunda\\s*=\\s*["']${CAMUNDA_NS.replace(/[./]/g, '\\$&')}["']`).test(xml)) {
    report(definitions, `camunda namespace is not declared (xmlns:camunda="${CAMUNDA_NS}")`);
  }
  const processes = elementsOf(definitions, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p.isExecutable === true);
  if (processes.length === 1 && executable.length === 0) {
    report(processes[0], 'isExecutable must be "true"');
    return out;
  }
  if (executable.length !== 1) {
    report(definitions, `expected exactly one executable process, found ${executable.length}`);
    return out;
  }
  const proc = executable[0];
  if (proc.id !== key) report(proc, `process id must equal the file's key "${key}"`);

  for (const problem of await lintDefinitions(definitions, lintContext(ctx))) {
    if (problem.category !== 'error') continue;
    out.problems.push(`${problem.element ? where(file, problem.element) : where(file, null, `element ${problem.id || '(no id)'}`)}: ${problem.message}`);
  }
  for (const el of allFlowElements(proc)) {
    for (const use of messageUses(el)) (use.start ? out.messageStarts : out.messageCatches).push({ name: use.name, where: where(file, el) });
  }
  if (out.problems.length === 0) out.definition = { key, file, xml, ...readMetadata(proc), startFormKey: readStartForm(proc), taskForms: readTaskForms(proc), citizenPhases: citizenPhases(proc) };
  return out;
}

const lintContext = (ctx: ProcedureContext): SportelloLintContext => ({
  officeKeys: [...ctx.officeKeys],
  formKeys: [...ctx.formKeys],
  serviceNames: [...ctx.serviceNames],
});

type Metadata = Pick<ProcedureDefinition, 'title' | 'office' | 'category' | 'legalBasis' | 'legalDays' | 'spidLevel' | 'feeCents' | 'lifeEvents'>;

/** The metadata of a process the lint passed (rule sportello/process-metadata). */
function readMetadata(proc: ModdleElement): Metadata {
  const props = new Map<string, string>();
  for (const { name, value } of camundaProperties(proc)) if (!props.has(name)) props.set(name, value.trim());
  const text = (name: string): string => props.get(name) ?? '';
  const fee = props.get('fee');
  const lifeEvents = props.get('lifeEvents');
  return {
    title: text('title'),
    office: text('office'),
    category: text('category'),
    legalBasis: text('legalBasis'),
    legalDays: Number(text('legalDays')),
    spidLevel: text('spidLevel') as Metadata['spidLevel'],
    feeCents: fee === undefined ? null : Number(fee),
    lifeEvents: lifeEvents ? lifeEvents.split(',').map((s) => s.trim()) : [],
  };
}

/** The citizen's submission form: the one plain start event's form (rule sportello/start-form). */
function readStartForm(proc: ModdleElement): string {
  const start = elementsOf(proc, 'flowElements').find((e) => e.$type === 'bpmn:StartEvent' && eventDefinitionTypes(e).length === 0);
  return (start && stringOf(start, 'formKey')) ?? '';
}

function readTaskForms(proc: ModdleElement): TaskForm[] {
  return allFlowElements(proc)
    .filter((el) => el.$type === 'bpmn:UserTask')
    .map((el) => ({
      taskId: el.id ?? '',
      taskName: el.name ?? null,
      formKey: stringOf(el, 'formKey') ?? '',
      candidateGroups: (stringOf(el, 'candidateGroups') ?? '').split(',').map((g) => g.trim()).filter((g) => g !== ''),
    }));
}

function messageUses(el: ModdleElement): Array<{ name: string; start: boolean }> {
  const uses: Array<{ name: string; start: boolean }> = [];
  const refName = (holder: ModdleElement): string | undefined => {
    const ref = holder.messageRef as ModdleElement | undefined;
    return ref?.name ?? ref?.id;
  };
  if (el.$type === 'bpmn:ReceiveTask') {
    const name = refName(el);
    if (name) uses.push({ name, start: false });
  }
  const catching = ['bpmn:StartEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent'].includes(el.$type);
  if (!catching) return uses;
  for (const def of elementsOf(el, 'eventDefinitions').filter((d) => d.$type === 'bpmn:MessageEventDefinition')) {
    const name = refName(def);
    if (name) uses.push({ name, start: el.$type === 'bpmn:StartEvent' });
  }
  return uses;
}
