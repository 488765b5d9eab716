import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit';
import { citizenMessage } from '../cases';
import { KEY_PATTERN } from '../catalogue';
import { EngineInstance, EngineSandbox, EngineService, ItemTransition, OperationResult, Sandbox } from '../engine';
import { FormSchema, sampleSubmission, validateSubmission } from '../forms';
import { DryRunAction, DryRunElement, DryRunState, DryRunStep, DryRunWaiting } from './modeler-contract';
import { ModelerBadKeyException, ModelerDryRunBlockedException, ModelerInvalidInputException, ModelerNotFoundException } from './modeler.exceptions';
import { DRY_RUN_SAMPLES, MODELER_MESSAGES as M } from './modeler.messages';
import { ModelerService } from './modeler.service';

const MAX_ACTIONS = 200;
/** Who the engine records as acting in the sandbox (nothing it records survives the run). */
const ACTOR = 'analyst:dry-run';
const OUTCOMES = new Set(['accettata', 'rifiutata', 'conclusa']);

/**
 * The modeler's dry run: a test case of a draft, walked step by step with data proposed from its
 * forms. Each call replays the analyst's whole list of steps (start, complete a task, fire a timer)
 * in the engine's sandbox (EngineSandbox: the draft under a throw-away key, service tasks skipped,
 * no message or signal delivered, no listener, no incident, one transaction always rolled back) and
 * answers what the citizen would see after each step and what the run waits on now. No state is
 * kept between calls: the analyst's browser holds the steps, so any app process can answer.
 */
@Injectable()
export class DryRunService {
  constructor(
    private readonly modeler: ModelerService,
    private readonly sandbox: EngineSandbox,
    private readonly engine: EngineService,
    private readonly audit: AuditService,
  ) {}

  async run(key: string, body: unknown, by: string, address: string | null): Promise<DryRunState> {
    if (!KEY_PATTERN.test(key)) throw new ModelerBadKeyException('key', key);
    const input = (body ?? {}) as { xml?: unknown; actions?: unknown };
    const xml = typeof input.xml === 'string' && input.xml.trim() !== '' ? input.xml : (await this.modeler.procedure(key)).xml;
    const actions = actionsOf(input.actions);
    const problems = await this.modeler.problemsOf(key, xml);
    if (problems.length) throw new ModelerDryRunBlockedException(problems);
    const forms = new Map<string, FormSchema | null>();
    const formOf = async (formKey: string | null): Promise<FormSchema | null> => {
      if (!formKey) return null;
      if (!forms.has(formKey)) {
        // The lint has checked every form key of a linted draft; a form deleted since then proposes no data and checks none.
        const found = await this.modeler.form(formKey).catch((e: unknown) => {
          if (e instanceof ModelerNotFoundException) return null;
          throw e;
        });
        forms.set(formKey, (found?.schema as FormSchema | undefined) ?? null);
      }
      return forms.get(formKey) ?? null;
    };
    const state = await this.sandbox.run(key, xml, (sb) => this.replay(key, sb, actions, formOf));
    await this.audit.record({ actor: { kind: 'analyst', subject: by }, action: 'procedure.dry-run', resource: { type: 'procedure', id: key }, channel: 'web', address });
    return state;
  }

  private async replay(key: string, sb: Sandbox, actions: DryRunAction[], formOf: (formKey: string | null) => Promise<FormSchema | null>): Promise<DryRunState> {
    const el = (id: string): DryRunElement => ({ elementId: id, name: sb.elements[id]?.name ?? null, type: sb.elements[id]?.type ?? '' });
    const starts = Object.entries(sb.elements).filter(([, e]) => e.type === 'bpmn:StartEvent');
    const [startId, startEl] = starts.find(([, e]) => e.formKey) ?? starts[0] ?? [];
    if (!startId || !startEl) throw new ModelerInvalidInputException('xml', M.dryRunNoStart);
    const state: DryRunState = { key, status: 'ready', steps: [], error: null, citizenStatus: null, citizenMessage: null, start: null, waiting: [], data: {} };
    let instance: EngineInstance | null = null;
    for (const [i, action] of actions.entries()) {
      if (instance?.status === 'end' || instance?.status === 'terminated') throw new ModelerInvalidInputException(`actions[${i}]`, M.dryRunEnded);
      const seen = { transitions: sb.log.transitions.length, skipped: sb.log.skippedServices.length, undelivered: sb.log.undelivered.length };
      const element = action.kind === 'start' ? startId : action.elementId;
      let result: OperationResult;
      try {
        if (action.kind === 'start') {
          const data = await this.checked(`actions[${i}].data`, await formOf(startEl.formKey), action.data);
          result = await this.engine.startProcess(sb.processKey, { ...data, channel: 'web' }, { actor: ACTOR });
        } else {
          const item = instance!.items.find((it) => it.elementId === action.elementId && it.status === 'wait');
          if (!item) throw new ModelerInvalidInputException(`actions[${i}].elementId`, M.dryRunNotWaiting(action.elementId));
          if (action.kind === 'timer' && !item.timeDue) throw new ModelerInvalidInputException(`actions[${i}].elementId`, M.dryRunNotTimer(action.elementId));
          const data = action.kind === 'complete' ? await this.checked(`actions[${i}].data`, await formOf(sb.elements[item.elementId]?.formKey ?? null), action.data) : {};
          result = await this.engine.completeItem(item.id, data, { actor: ACTOR });
        }
      } catch (e) {
        if (e instanceof ModelerInvalidInputException) throw e;
        state.steps.push(this.step(action, el(element), sb, seen));
        state.error = { step: i, message: e instanceof Error ? e.message : String(e) };
        state.status = 'failed';
        break;
      }
      instance = result.instance;
      const step = this.step(action, el(element), sb, seen);
      state.steps.push(step);
      const last = step.citizen[step.citizen.length - 1];
      if (last) [state.citizenStatus, state.citizenMessage] = [last.status, last.message];
    }
    if (!instance) {
      state.start = { elementId: startId, formKey: startEl.formKey, proposedData: await this.proposed(await formOf(startEl.formKey)) };
      return state;
    }
    state.data = instance.data;
    if (state.status === 'failed') return state;
    state.status = instance.status === 'running' ? 'running' : 'ended';
    for (const item of instance.items.filter((it) => it.status === 'wait')) {
      const e = sb.elements[item.elementId];
      const kind: DryRunWaiting['kind'] = item.timeDue ? 'timer' : item.elementType === 'bpmn:UserTask' ? 'task' : 'event';
      state.waiting.push({
        ...el(item.elementId),
        kind,
        formKey: e?.formKey ?? null,
        candidateGroups: item.candidateGroups.length ? item.candidateGroups : (e?.candidateGroups ?? []),
        timeDue: item.timeDue ? new Date(item.timeDue).toISOString() : null,
        proposedData: kind === 'task' ? await this.proposed(await formOf(e?.formKey ?? null)) : {},
      });
    }
    return state;
  }

  /** What a step did, read from the sandbox log since `seen`. */
  private step(action: DryRunAction, element: DryRunElement, sb: Sandbox, seen: { transitions: number; skipped: number; undelivered: number }): DryRunStep {
    const entered = sb.log.transitions.slice(seen.transitions).filter((t) => t.previousStatus === null);
    return {
      action,
      element,
      path: entered.map((t) => ({ elementId: t.item.elementId, name: t.element?.name ?? t.item.name, type: t.item.elementType })),
      citizen: entered.filter((t) => t.element?.properties.citizenStatus).map((t) => citizenStep(t)),
      skippedServices: sb.log.skippedServices.slice(seen.skipped).map((s) => ({ ...s, name: sb.elements[s.elementId]?.name ?? null })),
      undelivered: sb.log.undelivered.slice(seen.undelivered),
    };
  }

  private async proposed(schema: FormSchema | null): Promise<Record<string, unknown>> {
    return schema ? sampleSubmission(schema, { ...DRY_RUN_SAMPLES, today: new Date().toISOString().slice(0, 10) }) : {};
  }

  /** The step's data as the portal or console would submit it: validated against its form, hidden fields dropped. */
  private async checked(field: string, schema: FormSchema | null, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (!schema) return data;
    const result = validateSubmission(schema, data);
    if (!result.ok) {
      const first = result.errors[0];
      throw new ModelerInvalidInputException(first.field ? `${field}.${first.field}` : field, first.message);
    }
    return result.data;
  }
}

function citizenStep(t: ItemTransition): DryRunStep['citizen'][number] {
  const status = t.element!.properties.citizenStatus;
  const template = t.element?.properties.citizenMessage;
  const groups = t.item.candidateGroups.length ? t.item.candidateGroups : (t.element?.candidateGroups ?? []);
  return {
    elementId: t.item.elementId,
    status,
    message: (template ? citizenMessage(template, t.instanceData) : '') || status,
    onClaim: t.item.elementType === 'bpmn:UserTask' && !groups.includes('citizen') && !OUTCOMES.has(status),
  };
}

function actionsOf(raw: unknown): DryRunAction[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ModelerInvalidInputException('actions', M.dryRunActions);
  if (raw.length > MAX_ACTIONS) throw new ModelerInvalidInputException('actions', M.dryRunTooMany(MAX_ACTIONS));
  return raw.map((a: unknown, i): DryRunAction => {
    const { kind, elementId, data } = (a ?? {}) as { kind?: unknown; elementId?: unknown; data?: unknown };
    if (kind !== 'start' && kind !== 'complete' && kind !== 'timer') throw new ModelerInvalidInputException(`actions[${i}].kind`, M.dryRunActions);
    if ((kind === 'start') !== (i === 0)) throw new ModelerInvalidInputException(`actions[${i}].kind`, M.dryRunFirstStart);
    const record = data === undefined ? {} : data;
    if (kind !== 'timer' && (typeof record !== 'object' || record === null || Array.isArray(record))) throw new ModelerInvalidInputException(`actions[${i}].data`, M.dryRunData);
    if (kind === 'start') return { kind, data: record as Record<string, unknown> };
    if (typeof elementId !== 'string' || elementId === '') throw new ModelerInvalidInputException(`actions[${i}].elementId`, M.dryRunElement);
    return kind === 'timer' ? { kind, elementId } : { kind, elementId, data: record as Record<string, unknown> };
  });
}
