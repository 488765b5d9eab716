import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

/**
 * One transaction per use case, found by everything below it through AsyncLocalStorage: the
 * engine's data store, the locker and outboxes all write through `manager()`. A nested `run`
 * joins the open transaction. A context whose transaction has already finished (an unawaited
 * engine continuation that outlived its caller) is treated as no transaction at all.
 */
export class Transactions {
  private readonly storage = new AsyncLocalStorage<EntityManager>();

  constructor(readonly dataSource: DataSource) {}

  current(): EntityManager | undefined {
    const em = this.storage.getStore();
    if (!em) return undefined;
    const qr = em.queryRunner;
    if (!qr || qr.isReleased || !qr.isTransactionActive) return undefined;
    return em;
  }

  manager(): EntityManager {
    return this.current() ?? this.dataSource.manager;
  }

  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const open = this.current();
    if (open) return work(open);
    return this.dataSource.transaction((em) => this.storage.run(em, () => work(em)));
  }

  /** Runs outside any transaction, e.g. to record an incident after a rollback. */
  detached<T>(work: () => Promise<T>): Promise<T> {
    return this.storage.exit(work);
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
