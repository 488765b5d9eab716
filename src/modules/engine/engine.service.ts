import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { EntityManager } from 'typeorm';
import { DomainException } from '../../common';
import { ROOT_LOGGER } from '../../common/logging.module';
import { APP_CONFIG, AppConfig } from '../../config';
import { returnedRows, Transactions } from '../../database';
import { DRY_RUN } from './dry-run';
import { BpmnEngine, createBpmnEngine, SignalItem } from './engine-runtime';
import {
  EngineIncidentClosedException,
  EngineIncidentNotFoundException,
  EngineInstanceNotFoundException,
  EngineItemNotFoundException,
  EngineItemNotWaitingException,
  EngineStaleVersionException,
} from './engine.exceptions';
import {
  CompleteOptions,
  DeployResult,
  EngineIncident,
  EngineInstance,
  ModelVersion,
  OperationResult,
  RunningSummary,
  StartOptions,
  TransitionListener,
} from './engine.types';
import { IncidentsRepository } from './incidents.repository';
import { ModelsStore } from './models.store';
import { OPERATION_SCOPE, OperationScope } from './operation-scope';
import { PgDataStore, RawInstance, RawItem, toEngineItem } from './pg-data-store';
import { ServiceTaskRegistry } from './service-task.registry';

const MAX_FOLLOW_UPS = 1000;

/**
 * The engine facade. Every operation runs in one transaction with the instance locked: a
 * start, a completion, a message, a signal, a due timer, a retry. Follow-ups bpmn-server
 * would fire unawaited run in order inside it. A failure after the engine saved progress
 * (a service task or an expression) commits that progress and opens an incident to retry;
 * a failure before any save, or a conflict, rolls everything back and is thrown.
 */
@Injectable()
export class EngineService implements OnModuleInit {
  private engine!: BpmnEngine;
  private signalItem!: SignalItem;
  private store!: PgDataStore;
  private readonly listeners: TransitionListener[] = [];
  readonly models: ModelsStore;
  private readonly incidents: IncidentsRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly registry: ServiceTaskRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.models = new ModelsStore(tx);
    this.incidents = new IncidentsRepository(tx, { maxAttempts: config.INCIDENT_MAX_ATTEMPTS, backoffMs: config.INCIDENT_BACKOFF_MS });
  }

  onModuleInit(): void {
    const built = createBpmnEngine({
      tx: this.tx,
      models: this.models,
      registry: this.registry,
      logger: this.logger.child({ module: 'engine' }),
      lockTimeoutMs: this.config.ENGINE_LOCK_TIMEOUT_MS,
      callbacks: {
        onChildEnded: (parentItemId, childData) => this.followUp('call activity resume', () => this.resumeParent(parentItemId, childData)),
        onMessageThrown: (messageId, data, instanceData) =>
          this.undeliveredInDryRun('message', messageId) || this.followUp('message', () => this.deliverMessage(messageId, correlationOf(instanceData), data)),
        onSignalThrown: (signalId, data) => this.undeliveredInDryRun('signal', signalId) || this.followUp('signal', () => this.deliverSignal(signalId, data)),
      },
    });
    this.engine = built.engine;
    this.store = built.dataStore;
    this.signalItem = built.signalItem;
  }

  /** Listeners run inside the operation's transaction, after the engine finished, before commit. */
  onTransitions(listener: TransitionListener): void {
    this.listeners.push(listener);
  }

  serviceNames(): string[] {
    return this.registry.names();
  }

  deploy(processKey: string, xml: string): Promise<DeployResult> {
    return this.models.deploy(processKey, xml);
  }

  currentVersion(processKey: string): Promise<ModelVersion> {
    return this.models.current(processKey);
  }

  /** The BPMN source of a deployed model version (a case's diagram is drawn from the version it started on). */
  async modelXml(versionId: string): Promise<string> {
    return (await this.models.byVersionId(versionId)).xml;
  }

  listVersions(processKey: string): Promise<ModelVersion[]> {
    return this.models.listVersions(processKey);
  }

  /**
   * Running instances of a process per model version, and the elements their waiting items wait on
   * (user tasks, message and timer catches): what publishing a new version leaves on the old ones.
   */
  async runningOf(processKey: string): Promise<RunningSummary> {
    const em = this.tx.manager();
    const byVersion = (await em.query(
      `select m.id as "versionId", m.version, count(*)::int as running
       from engine_instance i join engine_model_version m on m.id = i.model_version_id
       where m.process_key = $1 and i.status = 'running' group by m.id, m.version order by m.version`,
      [processKey],
    )) as RunningSummary['byVersion'];
    const waiting = (await em.query(
      `select m.version, it.element_id as "elementId", coalesce(it.name, '') as name, count(distinct i.id)::int as instances
       from engine_instance i join engine_model_version m on m.id = i.model_version_id join engine_item it on it.instance_id = i.id
       where m.process_key = $1 and i.status = 'running' and it.status = 'wait'
       group by m.version, it.element_id, it.name order by m.version, it.element_id`,
      [processKey],
    )) as RunningSummary['waiting'];
    return { byVersion, waiting };
  }

  async startProcess(processKey: string, data: Record<string, unknown>, opts: StartOptions = {}): Promise<OperationResult> {
    const result = await this.operate('start', async () => {
      const exec = await this.engine.start(processKey, data, opts.startElementId ?? null, opts.actor ?? null, {});
      return exec.instance.id;
    }, opts.actor ?? null);
    return result!;
  }

  async completeItem(itemId: string, data: Record<string, unknown>, opts: CompleteOptions = {}): Promise<OperationResult> {
    const result = await this.operate('complete', async () => {
      const state = await this.lockedInstanceOfItem(itemId);
      if (!state) throw new EngineItemNotFoundException(itemId);
      const item = state.items.find((i) => i.id === itemId)!;
      if (item.status !== 'wait') throw new EngineItemNotWaitingException(itemId, item.status);
      if (opts.expectedVersion !== undefined && state.version !== opts.expectedVersion) {
        throw new EngineStaleVersionException(state.id, opts.expectedVersion, state.version ?? undefined);
      }
      await this.signalItem(state, itemId, data, opts.actor ?? null);
      return state.id;
    }, opts.actor ?? null);
    return result!;
  }

  /** Delivers a message to the waiting catch event correlated by `correlation` (e.g. {caseId}), else to a message start event. */
  throwMessage(
    messageName: string,
    correlation: Record<string, string | number>,
    data: Record<string, unknown> = {},
    actor: string | null = null,
  ): Promise<OperationResult | null> {
    return this.operate('message', () => this.deliverMessage(messageName, correlation, data), actor);
  }

  /** Broadcasts a signal to every waiting catch event (optionally only on correlated instances) and signal start events. */
  async throwSignal(signalName: string, data: Record<string, unknown> = {}): Promise<number> {
    let delivered = 0;
    await this.operate('signal', async () => {
      delivered = await this.deliverSignal(signalName, data);
      return null;
    });
    return delivered;
  }

  /** Fires at most one due timer (due at `now`); returns the instance it advanced, or null if none was due. */
  async fireNextDueTimer(now: Date): Promise<OperationResult | null> {
    return this.operate('timer', async (em) => {
      const candidates = (await em.query(
        `select id, instance_id from engine_item where status = 'wait' and time_due <= $1 order by time_due, id limit 20`,
        [now],
      )) as Array<{ id: string; instance_id: string }>;
      for (const c of candidates) {
        // Another process working this instance holds its lock: leave the timer to it or to the next poll.
        const [{ locked }] = (await em.query('select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as locked', [c.instance_id])) as Array<{ locked: boolean }>;
        if (!locked) continue;
        this.tx.get(OPERATION_SCOPE)?.locked.add(c.instance_id);
        const state = await this.store.findInstance({ id: c.instance_id });
        const item = state.items.find((i) => i.id === c.id);
        if (item?.status !== 'wait' || !item.timeDue || new Date(item.timeDue) > now) continue;
        await this.signalItem(state, c.id, {}, null);
        return c.instance_id;
      }
      return null;
    });
  }

  async getInstance(instanceId: string): Promise<EngineInstance> {
    const { rows: [row] } = await this.tx.prepared<{ id: string; name: string; model_version_id: string; status: EngineInstance['status']; version: number; parent_item_id: string | null; data: Record<string, unknown>; started_at: Date | null; ended_at: Date | null; items: RawItem[] }>(
      `select i.id, i.name, i.model_version_id, i.status, i.version, i.parent_item_id, i.data, i.started_at, i.ended_at, i.items
       from engine_instance i where i.id = $1`,
      [instanceId],
    );
    if (!row) throw new EngineInstanceNotFoundException(instanceId);
    return {
      id: row.id,
      processKey: row.name,
      modelVersionId: row.model_version_id,
      status: row.status,
      version: row.version,
      parentItemId: row.parent_item_id,
      data: row.data,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      items: row.items.map(toEngineItem).sort((a, b) => a.seq - b.seq),
    };
  }

  listIncidents(filter: { status?: string; instanceId?: string }, offset: number, limit: number) {
    return this.incidents.list(filter, offset, limit);
  }

  async getIncident(id: string): Promise<EngineIncident> {
    const incident = await this.incidents.get(id);
    if (!incident) throw new EngineIncidentNotFoundException(id);
    return incident;
  }

  /** Re-runs the element an incident stopped at. Succeeds → resolved; fails → one more attempt counted. */
  async retryIncident(id: string, actor: string, now: Date = new Date()): Promise<OperationResult> {
    const incident = await this.getIncident(id);
    if (incident.status === 'resolved' || incident.status === 'cancelled') throw new EngineIncidentClosedException(id, incident.status);
    try {
      const result = await this.operate('retry', async (em) => {
        await this.store.locker.lock(incident.instanceId);
        if (incident.itemId) {
          const state = await this.store.findInstance({ id: incident.instanceId });
          const item = state.items.find((i) => i.id === incident.itemId);
          if (item?.status === 'start' && state.status === 'running') {
            await this.signalItem(state, incident.itemId, {}, actor, { recover: true });
          }
          await this.incidents.resolveOpenFor(em, incident.instanceId, incident.itemId, actor);
        } else {
          await this.incidents.close(em, id, 'resolved', actor);
        }
        return incident.instanceId;
      });
      return result!;
    } catch (e) {
      if (e instanceof DomainException && e.code.startsWith('ENGINE_')) throw e;
      // The re-run failed before saving anything: the instance is as it was; count the attempt.
      const counted = await this.tx.run((em) => this.incidents.recordFailure(em, incident.instanceId, 'retry', e, now));
      return { instance: await this.getInstance(incident.instanceId), incident: counted };
    }
  }

  /** Gives up on an incident: the instance is terminated, its open items ended. */
  async cancelIncident(id: string, actor: string): Promise<EngineInstance> {
    const incident = await this.getIncident(id);
    if (incident.status === 'resolved' || incident.status === 'cancelled') throw new EngineIncidentClosedException(id, incident.status);
    await this.tx.run(async (em) => {
      await this.store.locker.lock(incident.instanceId);
      await em.query(`update engine_instance set status = 'terminated', ended_at = now(), version = version + 1 where id = $1 and status = 'running'`, [incident.instanceId]);
      await em.query(
        `update engine_instance set items = (select coalesce(jsonb_agg(case when x->>'status' in ('wait', 'start', 'enter')
           then jsonb_set(x, '{status}', '"terminated"') else x end), '[]'::jsonb) from jsonb_array_elements(items) x) where id = $1`,
        [incident.instanceId],
      );
      await em.query(`update engine_item set status = 'terminated', ended_at = now() where instance_id = $1 and status in ('wait', 'start', 'enter')`, [incident.instanceId]);
      await this.incidents.close(em, id, 'cancelled', actor);
    });
    return this.getInstance(incident.instanceId);
  }

  /**
   * Ends a running instance from outside the model (a citizen withdraws the istanza): the
   * instance and its open items are terminated, so no timer or task of it runs again. Joins the
   * caller's transaction. Returns false when the instance was no longer running.
   */
  async terminateInstance(instanceId: string): Promise<boolean> {
    return this.tx.run(async (em) => {
      await this.store.locker.lock(instanceId);
      const ended = (await em.query(
        `update engine_instance set status = 'terminated', ended_at = now(), version = version + 1,
           items = (select coalesce(jsonb_agg(case when x->>'status' in ('wait', 'start', 'enter')
             then jsonb_set(x, '{status}', '"terminated"') else x end), '[]'::jsonb) from jsonb_array_elements(items) x)
         where id = $1 and status = 'running' returning id`,
        [instanceId],
      )) as unknown;
      if (!returnedRows<{ id: string }>(ended).length) return false;
      await em.query(`update engine_item set status = 'terminated', ended_at = now() where instance_id = $1 and status in ('wait', 'start', 'enter')`, [instanceId]);
      return true;
    });
  }

  /** Retries incidents whose backoff has elapsed; returns how many were attempted. */
  async retryDueIncidents(now: Date, limit: number): Promise<number> {
    const due = await this.incidents.dueForRetry(now, limit);
    for (const incident of due) {
      try {
        await this.retryIncident(incident.id, 'system', now);
      } catch (e) {
        this.logger.warn({ err: e, incident: incident.id }, 'incident retry failed');
      }
    }
    return due.length;
  }

  // ---------------------------------------------------------------------------------------

  private async operate(
    operation: string,
    main: (em: EntityManager) => Promise<string | null>,
    actor: string | null = null,
  ): Promise<OperationResult | null> {
    const scope = new OperationScope(actor);
    const dryRun = this.tx.get(DRY_RUN);
    return this.tx.withSlot(OPERATION_SCOPE, scope, async (em) => {
      let instanceId: string | null = null;
      let failure: unknown;
      try {
        instanceId = await main(em);
        for (let n = 0, next = scope.takeDeferred(); next; next = scope.takeDeferred()) {
          if (++n > MAX_FOLLOW_UPS) throw new Error(`more than ${MAX_FOLLOW_UPS} follow-up actions in one ${operation}`);
          await this.store.flush();
          await next();
        }
        await this.store.flush();
      } catch (e) {
        const engineConflict = e instanceof DomainException && e.code.startsWith('ENGINE_');
        // A dry run opens no incident: the failure is the step's answer and the sandbox is rolled back.
        if (engineConflict || scope.saved.size === 0 || dryRun) throw e;
        failure = e;
        // Commit the state as of the engine's last save, taken just before the failing step.
        await this.store.flush();
      }
      // A dry run's steps belong to no case: the timeline, task and outbox listeners do not see them; the sandbox reads them.
      if (dryRun) dryRun.transitions.push(...scope.transitions);
      else for (const listener of this.listeners) if (scope.transitions.length) await listener(scope.transitions);
      let incident: EngineIncident | null = null;
      if (failure !== undefined) {
        const stuck = [...scope.saved].pop()!;
        incident = await this.incidents.recordFailure(em, stuck, operation, failure, new Date());
        this.logger.warn({ err: failure, incident: incident.id, instanceId: stuck }, 'engine operation stopped on an incident');
        instanceId ??= stuck;
      }
      if (!instanceId) return null;
      return { instance: scope.written.get(instanceId) ?? (await this.getInstance(instanceId)), incident };
    });
  }

  /** In a dry run a thrown message or signal reaches no other instance (real cases included): it is only recorded. */
  private undeliveredInDryRun(kind: 'message' | 'signal', name: string): boolean {
    const dryRun = this.tx.get(DRY_RUN);
    dryRun?.undelivered.push({ kind, name });
    return dryRun !== undefined;
  }

  private followUp(what: string, action: () => Promise<unknown>): void {
    const scope = this.tx.get(OPERATION_SCOPE);
    if (!scope) {
      this.logger.error({ what }, 'engine follow-up outside an operation: dropped');
      return;
    }
    scope.defer(action);
  }

  /** Locks the instance owning an item and reads it after the lock: the state no one else can change now. */
  private async lockedInstanceOfItem(itemId: string): Promise<RawInstance | null> {
    const instanceId = await this.store.locker.lockInstanceOfItem(itemId);
    if (!instanceId) return null;
    return this.store.findInstance({ id: instanceId });
  }

  /** Signals an item if it is still waiting once its instance is locked; false if someone else got there first. */
  private async signalIfWaiting(itemId: string, data: Record<string, unknown>): Promise<string | null> {
    const state = await this.lockedInstanceOfItem(itemId);
    if (state?.items.find((i) => i.id === itemId)?.status !== 'wait') return null;
    await this.signalItem(state, itemId, data, null);
    return state.id;
  }

  private async resumeParent(parentItemId: string, childData: Record<string, unknown>): Promise<string | null> {
    // A child that finished inline already handed its data over (CallActivity.start): the item is no longer waiting.
    return this.signalIfWaiting(parentItemId, childData);
  }

  private async deliverMessage(name: string, correlation: Record<string, string | number>, data: Record<string, unknown>): Promise<string | null> {
    const em = this.tx.manager();
    const { caseId, ...rest } = correlation;
    const candidates = (await em.query(
      `select it.id, it.instance_id from engine_item it join engine_instance i on i.id = it.instance_id
       where it.message_id = $1 and it.status = 'wait' and ($2::text is null or i.data->>'caseId' = $2) and i.data @> $3::jsonb
       order by it.seq limit 20`,
      [name, caseId === undefined ? null : String(caseId), JSON.stringify(rest)],
    )) as Array<{ id: string; instance_id: string }>;
    for (const c of candidates) {
      const delivered = await this.signalIfWaiting(c.id, data);
      if (delivered) return delivered;
    }
    const [start] = await this.models.startEventsFor('message', name);
    if (!start) return null;
    const exec = await this.engine.start(start.processKey, { ...data, ...correlation }, start.elementId, null, {});
    return exec.instance.id;
  }

  private async deliverSignal(name: string, data: Record<string, unknown>): Promise<number> {
    const em = this.tx.manager();
    const waiting = (await em.query(
      `select id, instance_id from engine_item where signal_id = $1 and status = 'wait' order by seq`,
      [name],
    )) as Array<{ id: string; instance_id: string }>;
    let delivered = 0;
    for (const w of waiting) {
      if (await this.signalIfWaiting(w.id, data)) delivered++;
    }
    for (const start of await this.models.startEventsFor('signal', name)) {
      await this.engine.start(start.processKey, data, start.elementId, null, {});
      delivered++;
    }
    return delivered;
  }
}

/** Messages correlate on the case the throwing instance belongs to. */
function correlationOf(instanceData: Record<string, unknown>): Record<string, string | number> {
  const caseId = instanceData.caseId;
  return typeof caseId === 'string' || typeof caseId === 'number' ? { caseId } : {};
}
