import { Transactions } from '../../database';
import { translateEngineQuery } from './engine-query';
import {
  EngineInstanceNotFoundException,
  EngineItemNotFoundException,
  EngineLockTimeoutException,
  EngineStaleVersionException,
  EngineUnsupportedQueryException,
} from './engine.exceptions';
import { EngineItem, InstanceStatus, ItemStatus } from './engine.types';
import { ModelsStore } from './models.store';
import { KnownItem, OPERATION_SCOPE, PendingSave } from './operation-scope';

/** bpmn-server's serialised item, as Item.save() produces it. */
export interface RawItem {
  id: string;
  seq: number;
  itemKey?: string | null;
  tokenId: number;
  elementId: string;
  name?: string | null;
  status: ItemStatus;
  type: string;
  startedAt?: Date | string | null;
  endedAt?: Date | string | null;
  timeDue?: Date | string | null;
  messageId?: string | null;
  signalId?: string | null;
  assignee?: string | null;
  candidateGroups?: string[] | string | null;
  candidateUsers?: string[] | string | null;
  dueDate?: Date | string | null;
  followUpDate?: Date | string | null;
  priority?: string | number | null;
  [key: string]: unknown;
}

/** bpmn-server's instance state, as Execution.getState() produces it. */
export interface RawInstance {
  id: string;
  name: string;
  status: InstanceStatus;
  version: number | null;
  parentItemId?: string | null;
  startedAt?: Date | string | null;
  endedAt?: Date | string | null;
  saved?: Date | string | null;
  data: Record<string, unknown>;
  tokens: Array<{ id: number; dataPath?: string; [k: string]: unknown }>;
  items: RawItem[];
  loops: unknown[];
  source?: string;
  logs?: unknown[];
  [key: string]: unknown;
}

interface InstanceRow {
  id: string;
  model_version_id: string;
  name: string;
  status: InstanceStatus;
  version: number;
  parent_item_id: string | null;
  started_at: Date | null;
  ended_at: Date | null;
  saved: Date | null;
  data: Record<string, unknown>;
  tokens: RawInstance['tokens'];
  items: RawItem[];
  loops: unknown[];
}

const INSTANCE_SELECT =
  'i.id, i.model_version_id, i.name, i.status, i.version, i.parent_item_id, i.started_at, i.ended_at, i.saved, i.data, i.tokens, i.items, i.loops';

const ITEM_DATES = ['startedAt', 'endedAt', 'timeDue', 'dueDate', 'followUpDate'] as const;
const reviveDate = (v: unknown): Date | null => (v === null || v === undefined || v === '' ? null : new Date(v as string));
const asList = (v: string[] | string | null | undefined): string[] =>
  v === null || v === undefined ? [] : Array.isArray(v) ? v.map(String) : String(v).split(',').map((s) => s.trim()).filter(Boolean);

export function toEngineItem(raw: RawItem): EngineItem {
  return {
    id: raw.id,
    seq: raw.seq,
    elementId: raw.elementId,
    elementType: raw.type,
    name: raw.name ?? null,
    status: raw.status,
    assignee: raw.assignee ?? null,
    candidateGroups: asList(raw.candidateGroups),
    candidateUsers: asList(raw.candidateUsers),
    dueDate: reviveDate(raw.dueDate),
    timeDue: reviveDate(raw.timeDue),
    messageId: raw.messageId ?? null,
    signalId: raw.signalId ?? null,
    itemKey: raw.itemKey ?? null,
    startedAt: reviveDate(raw.startedAt),
    endedAt: reviveDate(raw.endedAt),
  };
}

/** Upserts changed item rows; `$1` is the instance id, `$ITEMS` the rows as a JSON array. */
const ITEM_UPSERT = `insert into engine_item (id, instance_id, seq, element_id, element_type, name, status, assignee, candidate_groups,
    candidate_users, priority, due_date, follow_up_date, time_due, message_id, signal_id, item_key, started_at, ended_at)
  select x.id, $1, x.seq, x.element_id, x.element_type, x.name, x.status, x.assignee, x.candidate_groups,
    x.candidate_users, x.priority, x.due_date, x.follow_up_date, x.time_due, x.message_id, x.signal_id, x.item_key, x.started_at, x.ended_at
  from jsonb_to_recordset($ITEMS::jsonb) as x(id text, seq int, element_id text, element_type text, name text, status text,
    assignee text, candidate_groups text[], candidate_users text[], priority int, due_date timestamptz,
    follow_up_date timestamptz, time_due timestamptz, message_id text, signal_id text, item_key text,
    started_at timestamptz, ended_at timestamptz)
  on conflict (id) do update set status = excluded.status, assignee = excluded.assignee,
    candidate_groups = excluded.candidate_groups, candidate_users = excluded.candidate_users,
    priority = excluded.priority, due_date = excluded.due_date, follow_up_date = excluded.follow_up_date,
    time_due = excluded.time_due, ended_at = excluded.ended_at, started_at = excluded.started_at`;

const fingerprint = (i: RawItem): string =>
  JSON.stringify([i.status, i.assignee, i.candidateGroups, i.candidateUsers, i.timeDue, i.dueDate, i.followUpDate, i.priority, i.endedAt]);

/**
 * bpmn-server's IDataStore on PostgreSQL. Every query goes through the operation's
 * transaction (Transactions.manager()). Saves check the version they read (a stale write
 * fails, it never overwrites) and project the instance's items into engine_item in the same
 * transaction, writing only the items that changed.
 */
export class PgDataStore {
  readonly dbConfiguration = {};
  readonly db = null;
  readonly logger = null;
  readonly locker: AdvisoryLocker;

  constructor(
    private readonly tx: Transactions,
    private readonly models: ModelsStore,
    lockTimeoutMs: number,
  ) {
    this.locker = new AdvisoryLocker(tx, lockTimeoutMs);
  }

  async save(instance: RawInstance): Promise<void> {
    return this.saveInstance(instance);
  }

  /**
   * bpmn-server saves before every automatic step and at the end of each call. Inside an
   * operation the snapshot is kept as pending and written once, when the operation ends, before
   * anything reads engine tables, or when a failure is turned into an incident (then the last
   * snapshot, taken just before the failing step, is what gets committed).
   */
  async saveInstance(instance: RawInstance): Promise<void> {
    // The state object stays live while we await: serialise it first.
    const snapshot: PendingSave = {
      instance,
      isNew: !instance.saved,
      data: JSON.stringify(instance.data ?? {}),
      tokens: JSON.stringify(instance.tokens ?? []),
      itemsJson: JSON.stringify(instance.items ?? []),
      loops: JSON.stringify(instance.loops ?? []),
      status: instance.status,
      endedAt: instance.endedAt ?? null,
    };
    if (snapshot.isNew) instance.saved = new Date();
    const scope = this.tx.get(OPERATION_SCOPE);
    if (!scope) return this.write(snapshot);
    const earlier = scope.pending.get(instance.id);
    if (earlier?.isNew) snapshot.isNew = true;
    scope.pending.delete(instance.id);
    scope.pending.set(instance.id, snapshot);
    scope.saved.add(instance.id);
  }

  /** Writes every pending snapshot of the current operation, in the order they were taken. */
  async flush(): Promise<void> {
    const scope = this.tx.get(OPERATION_SCOPE);
    if (!scope) return;
    for (const [id, snapshot] of scope.pending) {
      scope.pending.delete(id);
      await this.write(snapshot);
    }
  }

  private async write(snap: PendingSave): Promise<void> {
    const { data, tokens, itemsJson, loops, status, endedAt } = snap;
    const instance = snap.instance as RawInstance;
    const items: RawItem[] = JSON.parse(itemsJson) as RawItem[];
    const scope = this.tx.get(OPERATION_SCOPE);

    const changes = this.itemChanges(instance, items, status, scope?.known.get(instance.id), snap.isNew);
    const itemsCte = changes.rows
      ? `, items_upsert as (${ITEM_UPSERT.replace('$ITEMS', `$${changes.param}`)})`
      : '';

    if (snap.isNew) {
      const versionId = instance.source ? this.models.versionIdOfSource(instance.source) : undefined;
      if (!versionId) throw new Error(`engine: unknown model source for new instance of ${instance.name}`);
      const params = [instance.id, versionId, instance.name, status, instance.parentItemId ?? null, instance.startedAt ?? null, endedAt, instance.saved, data, tokens, itemsJson, loops];
      if (changes.rows) params.push(changes.rows);
      await this.tx.prepared(
        `with ins as (insert into engine_instance (id, model_version_id, name, status, version, parent_item_id, started_at, ended_at, saved, data, tokens, items, loops)
           values ($1, $2, $3, $4, 0, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb, $12::jsonb) returning id)${itemsCte}
         select 1`,
        params,
      );
      instance.version = 0;
      scope?.modelVersions.set(instance.id, versionId);
    } else {
      const expected = instance.version ?? 0;
      const params: unknown[] = [instance.id, expected, status, endedAt, data, tokens, itemsJson, loops];
      if (changes.rows) params.push(changes.rows);
      const { rows } = await this.tx.prepared<{ version: number }>(
        `with upd as (update engine_instance set status = $3, version = version + 1, ended_at = $4, saved = now(),
           data = $5::jsonb, tokens = $6::jsonb, items = $7::jsonb, loops = $8::jsonb
         where id = $1 and version = $2 returning version)${itemsCte.replace('from jsonb_to_recordset', 'from upd, jsonb_to_recordset')}
         select version from upd`,
        params,
      );
      if (rows.length !== 1) throw new EngineStaleVersionException(instance.id, expected);
      instance.version = rows[0].version;
    }
    changes.commit();
    scope?.written.set(instance.id, {
      id: instance.id,
      processKey: instance.name,
      modelVersionId: scope.modelVersions.get(instance.id) ?? '',
      status,
      version: instance.version ?? 0,
      parentItemId: instance.parentItemId ?? null,
      data: JSON.parse(data) as Record<string, unknown>,
      startedAt: reviveDate(instance.startedAt),
      endedAt: reviveDate(endedAt),
      items: items.map(toEngineItem).sort((a, b) => a.seq - b.seq),
    });
  }

  /** The items whose projection changed since last read or written; `commit` records them as known. */
  private itemChanges(
    instance: RawInstance,
    items: RawItem[],
    status: InstanceStatus,
    known: Map<string, KnownItem> | undefined,
    isNew: boolean,
  ): { rows: string | null; param: number; commit(): void } {
    const scope = this.tx.get(OPERATION_SCOPE);
    const previous = known ?? new Map<string, KnownItem>();
    const changed = items.filter((i) => previous.get(i.id)?.fingerprint !== fingerprint(i));
    const param = isNew ? 13 : 9;
    if (!changed.length) return { rows: null, param, commit: () => undefined };
    const rows = changed.map((i) => ({
      id: i.id,
      seq: i.seq,
      element_id: i.elementId,
      element_type: i.type,
      name: i.name ?? null,
      status: i.status,
      assignee: i.assignee ?? null,
      candidate_groups: asList(i.candidateGroups),
      candidate_users: asList(i.candidateUsers),
      priority: i.priority === undefined || i.priority === null || i.priority === '' ? null : Number(i.priority),
      due_date: i.dueDate ?? null,
      follow_up_date: i.followUpDate ?? null,
      time_due: i.timeDue ?? null,
      message_id: i.messageId ?? null,
      signal_id: i.signalId ?? null,
      item_key: i.itemKey === undefined || i.itemKey === null ? null : String(i.itemKey),
      started_at: i.startedAt ?? null,
      ended_at: i.endedAt ?? null,
    }));
    const commit = (): void => {
      const next = new Map(previous);
      for (const i of changed) {
        const before = previous.get(i.id)?.status ?? null;
        next.set(i.id, { status: i.status, fingerprint: fingerprint(i) });
        if (scope && before !== i.status) {
          const modelVersionId = scope.modelVersions.get(instance.id) ?? '';
          scope.transitions.push({
            instanceId: instance.id,
            processKey: instance.name,
            modelVersionId,
            actor: scope.actor,
            element: this.models.cached(modelVersionId)?.elements[i.elementId] ?? null,
            item: toEngineItem(i),
            previousStatus: before,
            instanceData: JSON.parse(JSON.stringify(instance.data ?? {})) as Record<string, unknown>,
            instanceStatus: status,
          });
        }
      }
      scope?.known.set(instance.id, next);
    };
    return { rows: JSON.stringify(rows), param, commit };
  }

  async findInstance(query: Record<string, unknown>): Promise<RawInstance> {
    const found = await this.findInstances(query);
    if (found.length === 0) {
      if (typeof query.id === 'string') throw new EngineInstanceNotFoundException(query.id);
      throw new EngineInstanceNotFoundException(JSON.stringify(query));
    }
    if (found.length > 1) throw new EngineUnsupportedQueryException(query);
    return found[0];
  }

  async findInstances(query: Record<string, unknown>): Promise<RawInstance[]> {
    await this.flush();
    const sql = translateEngineQuery(query);
    // Columns named, not i.*: a prepared statement's result type must not change under it.
    const { rows } = await this.tx.prepared<InstanceRow>(
      sql.joinsItems
        ? `select distinct ${INSTANCE_SELECT} from engine_instance i join engine_item it on it.instance_id = i.id where ${sql.where}`
        : `select ${INSTANCE_SELECT} from engine_instance i where ${sql.where}`,
      sql.params,
    );
    return Promise.all(rows.map((r) => this.toRawInstance(r)));
  }

  async loadInstance(instanceId: string): Promise<{ instance: RawInstance; items: RawItem[] }> {
    const instance = await this.findInstance({ id: instanceId });
    return { instance, items: instance.items };
  }

  async findItem(query: Record<string, unknown>): Promise<RawItem> {
    const items = await this.findItems(query);
    if (items.length !== 1) {
      if (items.length === 0 && typeof query['items.id'] === 'string') throw new EngineItemNotFoundException(query['items.id']);
      throw new EngineUnsupportedQueryException(query);
    }
    return items[0];
  }

  /** Items enriched as bpmn-server expects: processName, instanceId/Version, instance and token-scoped data. */
  async findItems(query: Record<string, unknown>): Promise<RawItem[]> {
    await this.flush();
    const sql = translateEngineQuery(query);
    const { rows } = await this.tx.prepared<{ instance_id: string; name: string; version: number; data: Record<string, unknown>; tokens: RawInstance['tokens']; items: RawItem[]; item_id: string }>(
      `select i.id as instance_id, i.name, i.version, i.data, i.tokens, i.items, it.id as item_id
       from engine_instance i join engine_item it on it.instance_id = i.id where ${sql.where} order by it.seq`,
      sql.params,
    );
    return rows.map((r) => {
      const raw = r.items.find((i) => i.id === r.item_id);
      if (!raw) throw new Error(`engine: item ${r.item_id} projected but absent from instance ${r.instance_id}`);
      const item = reviveItem({ ...raw });
      const token = r.tokens.find((t) => t.id === raw.tokenId);
      const path = token?.dataPath ?? '';
      return {
        ...item,
        processName: r.name,
        instanceId: r.instance_id,
        instanceVersion: r.version,
        instanceData: r.data,
        data: path ? dataAt(r.data, path) : r.data,
      };
    });
  }

  private async toRawInstance(r: InstanceRow): Promise<RawInstance> {
    const model = await this.models.byVersionId(r.model_version_id);
    const items = r.items.map((i) => reviveItem(i));
    const scope = this.tx.get(OPERATION_SCOPE);
    scope?.known.set(r.id, new Map(items.map((i) => [i.id, { status: i.status, fingerprint: fingerprint(i) }])));
    scope?.modelVersions.set(r.id, r.model_version_id);
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      version: r.version,
      parentItemId: r.parent_item_id,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      saved: r.saved,
      data: r.data,
      tokens: r.tokens,
      items,
      loops: r.loops,
      source: model.xml,
      logs: [],
    };
  }

  async deleteInstances(): Promise<void> {
    throw new EngineUnsupportedQueryException({ op: 'deleteInstances' });
  }
  async install(): Promise<void> {}
  async archive(query: unknown): Promise<void> {
    throw new EngineUnsupportedQueryException({ op: 'archive', query });
  }
  async find(query: unknown): Promise<never> {
    throw new EngineUnsupportedQueryException({ op: 'find', query });
  }
}

function reviveItem(i: RawItem): RawItem {
  for (const key of ITEM_DATES) {
    const v = i[key];
    if (v !== null && v !== undefined) i[key] = new Date(v as string);
  }
  return i;
}

function dataAt(data: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), data);
}

/**
 * Locks an instance for the rest of the operation's transaction with a PostgreSQL advisory
 * lock. It cannot outlive its holder: it ends with the transaction, and with the connection if
 * the process dies. Waiting is bounded by lock_timeout (set per operation).
 */
export class AdvisoryLocker {
  constructor(
    private readonly tx: Transactions,
    private readonly timeoutMs: number,
  ) {}

  async lock(id: string): Promise<boolean> {
    if (!this.tx.current()) throw new Error('engine: lock requested outside an operation transaction');
    const scope = this.tx.get(OPERATION_SCOPE);
    if (scope?.locked.has(id)) return true;
    try {
      await this.tx.prepared('select pg_advisory_xact_lock(hashtextextended($1, 0))', [id]);
    } catch (e) {
      if ((e as { code?: string }).code === '55P03') throw new EngineLockTimeoutException(id);
      throw e;
    }
    scope?.locked.add(id);
    return true;
  }

  /**
   * Finds the instance owning an item and locks it in one round trip (an item never changes
   * instance); null if there is no such item. Read the instance after this, not in the same
   * statement: a statement's snapshot predates its wait for the lock.
   */
  async lockInstanceOfItem(itemId: string): Promise<string | null> {
    if (!this.tx.current()) throw new Error('engine: lock requested outside an operation transaction');
    let rows: Array<{ instance_id: string }>;
    try {
      ({ rows } = await this.tx.prepared<{ instance_id: string }>(
        'select it.instance_id, pg_advisory_xact_lock(hashtextextended(it.instance_id, 0)) from engine_item it where it.id = $1',
        [itemId],
      ));
    } catch (e) {
      // Named by the item: the lock timed out before the instance id could be read.
      if ((e as { code?: string }).code === '55P03') throw new EngineLockTimeoutException(itemId);
      throw e;
    }
    const id = rows[0]?.instance_id ?? null;
    if (id) this.tx.get(OPERATION_SCOPE)?.locked.add(id);
    return id;
  }

  async release(): Promise<void> {
    // Released at commit or rollback.
  }

  get lockTimeoutMs(): number {
    return this.timeoutMs;
  }
}
