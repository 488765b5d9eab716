import {
  allFlowElements,
  CAMUNDA_NS,
  camundaProperties,
  elementsOf,
  eventDefinitionTypes,
  extensionValues,
  ModdleElement,
  parseBpmn,
  stringOf,
  typeName,
} from './bpmn-document';
import { CITIZEN_GROUP, CITIZEN_STATUSES, KEY_PATTERN, OUTCOME_STATUSES, ProcedureDefinition, TaskForm } from './catalogue.types';

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

const SPID_LEVELS = ['1', '2', '3', 'none'];
const FORBIDDEN_IN_EXPRESSIONS: Array<[RegExp, string]> = [
  [/\brequire\b/, 'require'],
  [/\bprocess\b/, 'process'],
  [/\bFunction\b/, 'Function'],
  [/\beval\b/, 'eval'],
  [/\$py/, '$py'],
  [/#/, '#'],
];
const EXPRESSION_ATTRIBUTES = ['assignee', 'candidateUsers', 'candidateGroups', 'dueDate', 'followUpDate', 'priority'];

const where = (file: string, el: ModdleElement | null, label?: string): string =>
  `processes/${file}, ${label ?? (el ? `${typeName(el)} ${el.id ?? '(no id)'}` : `file ${file}`)}`;

/** Checks one BPMN file against the authoring conventions (ARCHITECTURE.md §6) and the engine lint (ENGINE.md §8-9). */
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

  const metadata = checkMetadata(proc, ctx, report);
  const start = checkStartEvents(proc, ctx, report);
  const taskForms: TaskForm[] = [];
  const laneOf = lanesByNode(proc);

  for (const el of allFlowElements(proc)) {
    checkLint(el, report);
    checkCitizenStatus(el, report);
    for (const use of messageUses(el)) (use.start ? out.messageStarts : out.messageCatches).push({ name: use.name, where: where(file, el) });
    if (el.$type === 'bpmn:UserTask') {
      const form = checkUserTask(el, ctx, laneOf.get(el), report);
      if (form) taskForms.push(form);
    }
    if (el.$type === 'bpmn:ServiceTask') checkServiceTask(el, ctx, report);
    if (el.$type === 'bpmn:EndEvent' && el.$parent === proc) checkOutcome(el, report);
  }
  for (const ext of extensionValues(proc)) checkListener(proc, ext, report);

  if (out.problems.length === 0 && metadata && start) {
    out.definition = { key, file, xml, ...metadata, startFormKey: start, taskForms };
  }
  return out;
}

type Report = (el: ModdleElement | null, reason: string) => void;
type Metadata = Pick<ProcedureDefinition, 'title' | 'office' | 'category' | 'legalBasis' | 'legalDays' | 'spidLevel' | 'feeCents' | 'lifeEvents'>;

function checkMetadata(proc: ModdleElement, ctx: ProcedureContext, report: Report): Metadata | null {
  const props = new Map<string, string>();
  for (const { name, value } of camundaProperties(proc)) {
    if (props.has(name)) report(proc, `property "${name}" is declared twice`);
    props.set(name, value.trim());
  }
  const before = problemsCounter(report);
  const required = (name: string): string => {
    const value = props.get(name);
    if (value === undefined) before.add(proc, `property "${name}" is missing`);
    else if (value === '') before.add(proc, `property "${name}" is empty`);
    return value ?? '';
  };
  const title = required('title');
  const office = required('office');
  if (office && !ctx.officeKeys.has(office)) before.add(proc, `property "office": office "${office}" not found in processes/offices.json`);
  const category = required('category');
  const legalBasis = required('legalBasis');
  const legalDaysRaw = required('legalDays');
  const legalDays = /^\d+$/.test(legalDaysRaw) ? Number(legalDaysRaw) : NaN;
  if (legalDaysRaw && !(legalDays >= 1 && legalDays <= 180)) {
    before.add(proc, `property "legalDays" must be a whole number of days from 1 to 180, found "${legalDaysRaw}"`);
  }
  const spidLevel = required('spidLevel');
  if (spidLevel && !SPID_LEVELS.includes(spidLevel)) before.add(proc, `property "spidLevel" must be 1, 2, 3 or none, found "${spidLevel}"`);
  const feeRaw = props.get('fee');
  if (feeRaw !== undefined && !/^\d+$/.test(feeRaw)) {
    before.add(proc, `property "fee" must be a whole number of euro cents (0 or more), found "${feeRaw}"`);
  }
  const lifeEventsRaw = props.get('lifeEvents');
  const lifeEvents = lifeEventsRaw ? lifeEventsRaw.split(',').map((s) => s.trim()) : [];
  if (lifeEvents.some((e) => e === '')) before.add(proc, `property "lifeEvents" must be a comma-separated list without empty items, found "${lifeEventsRaw}"`);
  if (before.count() > 0) return null;
  return {
    title,
    office,
    category,
    legalBasis,
    legalDays,
    spidLevel: spidLevel as Metadata['spidLevel'],
    feeCents: feeRaw === undefined ? null : Number(feeRaw),
    lifeEvents,
  };
}

function problemsCounter(report: Report): { add: Report; count: () => number } {
  let n = 0;
  return {
    add: (el, reason) => {
      n++;
      report(el, reason);
    },
    count: () => n,
  };
}

/** The citizen's submission form: the one plain start event of the process. */
function checkStartEvents(proc: ModdleElement, ctx: ProcedureContext, report: Report): string | null {
  const starts = elementsOf(proc, 'flowElements').filter((e) => e.$type === 'bpmn:StartEvent');
  const plain = starts.filter((e) => eventDefinitionTypes(e).length === 0);
  if (plain.length !== 1) {
    report(proc, `expected exactly one start event without event definition (the citizen's submission), found ${plain.length}`);
    return null;
  }
  const formKey = stringOf(plain[0], 'formKey');
  if (!formKey) {
    report(plain[0], 'camunda:formKey is missing (the citizen\'s submission form)');
    return null;
  }
  if (!ctx.formKeys.has(formKey)) {
    report(plain[0], `form "${formKey}" not found in forms/`);
    return null;
  }
  return formKey;
}

function lanesByNode(proc: ModdleElement): Map<ModdleElement, ModdleElement> {
  const map = new Map<ModdleElement, ModdleElement>();
  const visit = (laneSet: ModdleElement): void => {
    for (const lane of elementsOf(laneSet, 'lanes')) {
      for (const node of elementsOf(lane, 'flowNodeRef')) map.set(node, lane);
      const child = lane.childLaneSet as ModdleElement | undefined;
      if (child) visit(child);
    }
  };
  for (const laneSet of elementsOf(proc, 'laneSets')) visit(laneSet);
  return map;
}

function checkUserTask(el: ModdleElement, ctx: ProcedureContext, lane: ModdleElement | undefined, report: Report): TaskForm | null {
  const groupsRaw = stringOf(el, 'candidateGroups');
  const groups = (groupsRaw ?? '').split(',').map((g) => g.trim()).filter((g) => g !== '');
  let ok = true;
  if (groups.length === 0) {
    report(el, 'camunda:candidateGroups is missing (an office key, or "citizen")');
    ok = false;
  }
  for (const group of groups) {
    if (group !== CITIZEN_GROUP && !ctx.officeKeys.has(group)) {
      report(el, `candidate group "${group}" is neither an office in processes/offices.json nor "citizen"`);
      ok = false;
    }
  }
  if (lane && groups.length === 1 && groupsRaw !== undefined && !groupsRaw.includes('$')) {
    report(el, `camunda:candidateGroups "${groupsRaw}" is a single literal inside lane ${lane.id ?? '(no id)'}; bpmn-server fails on it (remove the lane)`);
    ok = false;
  }
  const formKey = stringOf(el, 'formKey');
  if (!formKey) {
    report(el, 'camunda:formKey is missing');
    return null;
  }
  if (!ctx.formKeys.has(formKey)) {
    report(el, `form "${formKey}" not found in forms/`);
    return null;
  }
  return ok ? { taskId: el.id ?? '', taskName: el.name ?? null, formKey, candidateGroups: groups } : null;
}

function checkServiceTask(el: ModdleElement, ctx: ProcedureContext, report: Report): void {
  const name = stringOf(el, 'implementation');
  if (!name) {
    report(el, 'implementation is missing; name a registered service such as "protocol.register"');
  } else if (!ctx.serviceNames.has(name)) {
    const known = [...ctx.serviceNames].sort().join(', ') || 'none';
    report(el, `service "${name}" is not registered (registered: ${known})`);
  }
}

function checkOutcome(el: ModdleElement, report: Report): void {
  const status = camundaProperties(el).find((p) => p.name === 'citizenStatus')?.value.trim();
  if (!status) report(el, `an end event carries the outcome: citizenStatus must be one of ${OUTCOME_STATUSES.join(', ')}`);
  else if (!OUTCOME_STATUSES.includes(status as (typeof OUTCOME_STATUSES)[number]) && (CITIZEN_STATUSES as readonly string[]).includes(status)) {
    report(el, `an end event carries the outcome: citizenStatus must be one of ${OUTCOME_STATUSES.join(', ')}, found "${status}"`);
  }
}

function checkCitizenStatus(el: ModdleElement, report: Report): void {
  const props = camundaProperties(el);
  const status = props.find((p) => p.name === 'citizenStatus')?.value.trim();
  const message = props.find((p) => p.name === 'citizenMessage')?.value.trim();
  if (status === undefined && message === undefined) return;
  if (el.$type === 'bpmn:SequenceFlow') {
    report(el, 'citizenStatus/citizenMessage belong on flow nodes, not on sequence flows');
    return;
  }
  if (status === undefined) {
    report(el, 'citizenMessage without citizenStatus');
    return;
  }
  if (!(CITIZEN_STATUSES as readonly string[]).includes(status)) {
    report(el, `citizenStatus "${status}" is not one of ${CITIZEN_STATUSES.join(', ')}`);
  }
  if (!message) report(el, `citizenStatus "${status}" needs a non-empty citizenMessage`);
}

function checkLint(el: ModdleElement, report: Report): void {
  if (el.$type === 'bpmn:ScriptTask') report(el, 'script tasks are not allowed; put the logic in a TypeScript service task');
  if (el.$type === 'bpmn:ComplexGateway') report(el, 'complex gateways are not supported by the engine');
  const defs = eventDefinitionTypes(el);
  if (defs.includes('bpmn:ConditionalEventDefinition')) report(el, 'conditional events are not supported by the engine');
  if (defs.includes('bpmn:LinkEventDefinition')) report(el, 'link events are not supported by the engine');
  if (el.$type === 'bpmn:StartEvent' && defs.includes('bpmn:TimerEventDefinition')) {
    report(el, 'timer start events are not supported yet by the scheduler');
  }
  if (el.$type === 'bpmn:BoundaryEvent' && el.cancelActivity === false) {
    report(el, 'non-interrupting boundary events are not supported yet; use an interrupting one');
  }
  for (const def of elementsOf(el, 'eventDefinitions').filter((d) => d.$type === 'bpmn:TimerEventDefinition')) {
    if (def.timeCycle) report(el, 'timeCycle timers are not supported yet by the scheduler');
    else if (!def.timeDuration && !def.timeDate) report(el, 'timer has neither timeDuration nor timeDate');
    for (const prop of ['timeDuration', 'timeDate', 'timeCycle']) {
      const body = stringOf((def[prop] as ModdleElement | undefined) ?? { $type: '' }, 'body');
      if (body !== undefined) checkExpression(el, body, report);
    }
  }
  const condition = el.conditionExpression as ModdleElement | undefined;
  if (condition) checkExpression(el, stringOf(condition, 'body') ?? '', report);
  for (const attr of EXPRESSION_ATTRIBUTES) {
    const value = stringOf(el, attr);
    if (value !== undefined) checkExpression(el, value, report);
  }
  for (const ext of extensionValues(el)) {
    checkListener(el, ext, report);
    if (ext.$type === 'camunda:InputOutput') {
      for (const param of [...elementsOf(ext, 'inputParameters'), ...elementsOf(ext, 'outputParameters')]) {
        const value = stringOf(param, 'value');
        if (value !== undefined) checkExpression(el, value, report);
        const definition = param.definition as ModdleElement | undefined;
        if (definition?.$type === 'camunda:Script') report(el, `script in input/output parameter "${stringOf(param, 'name') ?? ''}" is not allowed`);
      }
    }
  }
}

function checkListener(el: ModdleElement, ext: ModdleElement, report: Report): void {
  if (ext.$type !== 'camunda:ExecutionListener' && ext.$type !== 'camunda:TaskListener') return;
  const kind = ext.$type === 'camunda:ExecutionListener' ? 'camunda:executionListener' : 'camunda:taskListener';
  if (ext.script) report(el, `${kind} scripts are not allowed; put the logic in a TypeScript service task`);
  const expression = stringOf(ext, 'expression');
  if (expression !== undefined) checkExpression(el, expression, report);
}

function checkExpression(el: ModdleElement, text: string, report: Report): void {
  for (const [pattern, token] of FORBIDDEN_IN_EXPRESSIONS) {
    if (pattern.test(text)) report(el, `expression "${text.trim()}" uses "${token}", which the engine lint forbids`);
  }
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
