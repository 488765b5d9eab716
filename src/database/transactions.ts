import { AsyncLocalStorage } from 'node:async_hooks';
import type { PoolClient, QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

/** A typed key for per-transaction state other modules keep on the open transaction (e.g. the engine's operation scope). */
export class TxSlot<T> {
  /** Brands the slot with its value type; never read. */
  declare readonly type?: T;
  constructor(readonly name: string) {}
}

/** What travels with one transaction through AsyncLocalStorage: its manager and its slots. */
interface TxContext {
  em: EntityManager;
  slots: Map<TxSlot<unknown>, unknown>;
  /** Work to do last in the transaction, just before COMMIT (shared by the child contexts of one transaction). */
  beforeCommit: Array<() => Promise<unknown>>;
  /** Rows read in this transaction, by key (shared by the child contexts of one transaction). */
  memo: Map<string, Promise<unknown>>;
}

/**
 * One transaction per use case, found by everything below it through the one AsyncLocalStorage
 * of the process (async_hooks cost grows with every store: bpmn-server creates many promises):
 * the engine's data store, the locker and outboxes all write through `manager()`, and per-operation
 * state rides on the same context as slots. A nested `run` joins the open transaction. A context
 * whose transaction has already finished (an unawaited engine continuation that outlived its
 * caller) is treated as no transaction at all.
 */
export class Transactions {
  private readonly storage = new AsyncLocalStorage<TxContext>();
  /** Prepared statement name per SQL text (pg keeps the statements per connection). */
  private readonly statementNames = new Map<string, string>();

  constructor(readonly dataSource: DataSource) {}

  private open(): TxContext | undefined {
    const ctx = this.storage.getStore();
    if (!ctx) return undefined;
    const qr = ctx.em.queryRunner;
    if (!qr || qr.isReleased || !qr.isTransactionActive) return undefined;
    return ctx;
  }

  current(): EntityManager | undefined {
    return this.open()?.em;
  }

  manager(): EntityManager {
    return this.current() ?? this.dataSource.manager;
  }

  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const open = this.open();
    if (open) return work(open.em);
    return this.dataSource.transaction((em) => {
      const ctx: TxContext = { em, slots: new Map(), beforeCommit: [], memo: new Map() };
      return this.storage.run(ctx, async () => {
        const result = await work(em);
        for (let action = ctx.beforeCommit.shift(); action; action = ctx.beforeCommit.shift()) await action();
        return result;
      });
    });
  }

  /**
   * Queues work for the end of the open transaction, right before COMMIT: an append that must
   * serialise on a shared row (the audit chain's head) then holds that row for the commit only,
   * not for the whole use case. Fails outside a transaction.
   */
  beforeCommit(action: () => Promise<unknown>): void {
    const ctx = this.open();
    if (!ctx) throw new Error('beforeCommit needs an open transaction');
    ctx.beforeCommit.push(action);
  }

  /**
   * A row read once per transaction: the first call loads it, later calls in the same transaction
   * get the same answer without a round trip (one filing reads its case in five listeners).
   * Whoever writes that row in the transaction must `forget` (or `remember`) its key. Outside a
   * transaction every call loads.
   */
  memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    const ctx = this.open();
    if (!ctx) return load();
    const hit = ctx.memo.get(key) as Promise<T> | undefined;
    if (hit) return hit;
    const loading = load();
    ctx.memo.set(key, loading);
    loading.catch(() => ctx.memo.delete(key));
    return loading;
  }

  /** The row under `key` as a write in this transaction just returned it. */
  remember<T>(key: string, value: T): void {
    this.open()?.memo.set(key, Promise.resolve(value));
  }

  /** Drops what `memo` holds under `key`: the row was written. */
  forget(key: string): void {
    this.open()?.memo.delete(key);
  }

  /** Drops everything `memo` holds: a rollback to a savepoint may have undone any write. */
  forgetAll(): void {
    this.open()?.memo.clear();
  }

  /** Runs outside any transaction, e.g. to record an incident after a rollback. */
  detached<T>(work: () => Promise<T>): Promise<T> {
    return this.storage.exit(work);
  }

  /**
   * The value of a slot on this context's transaction, if any, even once that transaction has
   * finished (a late continuation then finds its operation's state, not a fresh one).
   */
  get<T>(slot: TxSlot<T>): T | undefined {
    return this.storage.getStore()?.slots.get(slot as TxSlot<unknown>) as T | undefined;
  }

  /**
   * Runs `work` inside the open transaction (one is opened if none is) with `slot` set to `value`
   * in a child context: what `work` starts sees the value (late continuations included), the
   * caller's context keeps its own.
   */
  withSlot<T, R>(slot: TxSlot<T>, value: T, work: (em: EntityManager) => Promise<R>): Promise<R> {
    return this.run((em) => {
      const parent = this.storage.getStore();
      const slots = new Map(parent?.slots);
      slots.set(slot as TxSlot<unknown>, value);
      return this.storage.run({ em, slots, beforeCommit: parent?.beforeCommit ?? [], memo: parent?.memo ?? new Map() }, () => work(em));
    });
  }

  /**
   * A statement sent on the open transaction's own pg connection as a named prepared statement:
   * parsed and planned once per connection, without TypeORM's per-query wrapping (logging,
   * broadcaster, result reshaping). Names are given per distinct text, so a fixed set of texts
   * (no values spliced in) makes a fixed set of statements. Outside a transaction it goes
   * through TypeORM as any other query.
   */
  async prepared<R extends QueryResultRow>(text: string, values: unknown[] = []): Promise<{ rows: R[]; rowCount: number }> {
    const client = (this.current()?.queryRunner as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
    if (!client) {
      const rows = returnedRows<R>(await this.manager().query(text, values));
      return { rows, rowCount: rows.length };
    }
    let name = this.statementNames.get(text);
    if (!name) {
      name = `sportello_${this.statementNames.size + 1}`;
      this.statementNames.set(text, name);
    }
    const res = await client.query<R>({ name, text, values });
    return { rows: res.rows, rowCount: res.rowCount ?? res.rows.length };
  }
}

/**
 * The rows of an UPDATE/DELETE ... RETURNING. TypeORM answers those with [rows, affectedCount]
 * while INSERT and SELECT give the rows themselves.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
