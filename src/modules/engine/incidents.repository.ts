import { EntityManager } from 'typeorm';
import { Transactions } from '../../database';
import { EngineIncident } from './engine.types';

interface IncidentRow {
  id: string;
  instance_id: string;
  item_id: string | null;
  element_id: string | null;
  operation: string;
  error_code: string | null;
  error_message: string;
  attempts: number;
  status: EngineIncident['status'];
  next_retry_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const toIncident = (r: IncidentRow): EngineIncident => ({
  id: r.id,
  instanceId: r.instance_id,
  itemId: r.item_id,
  elementId: r.element_id,
  operation: r.operation,
  errorCode: r.error_code,
  errorMessage: r.error_message,
  attempts: r.attempts,
  status: r.status,
  nextRetryAt: r.next_retry_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface IncidentPolicy {
  maxAttempts: number;
  backoffMs: number;
}

/** engine_incident: one open incident per stuck item, with attempts and the next retry time. */
export class IncidentsRepository {
  constructor(
    private readonly tx: Transactions,
    private readonly policy: IncidentPolicy,
  ) {}

  /** Opens an incident on the item the instance stopped at, or counts one more failed attempt. */
  async recordFailure(em: EntityManager, instanceId: string, operation: string, error: unknown, now: Date): Promise<EngineIncident> {
    const [stuck] = (await em.query(
      `select id, element_id from engine_item where instance_id = $1 and status = 'start' order by seq desc limit 1`,
      [instanceId],
    )) as Array<{ id: string; element_id: string }>;
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown })?.code;
    const [row] = (await em.query(
      `insert into engine_incident (instance_id, item_id, element_id, operation, error_code, error_message, attempts, next_retry_at)
       values ($1, $2, $3, $4, $5, $6, 1, $7::timestamptz + make_interval(secs => $8::double precision / 1000))
       on conflict (instance_id, coalesce(item_id, '')) where status in ('open', 'retrying')
       do update set attempts = engine_incident.attempts + 1, status = 'open', error_message = excluded.error_message,
         error_code = excluded.error_code, updated_at = now(),
         next_retry_at = case when engine_incident.attempts + 1 >= $9 then null
           else $7::timestamptz + make_interval(secs => $8::double precision * power(2, engine_incident.attempts) / 1000) end
       returning *`,
      [instanceId, stuck?.id ?? null, stuck?.element_id ?? null, operation, typeof code === 'string' ? code : null, message.slice(0, 4000), now, this.policy.backoffMs, this.policy.maxAttempts],
    )) as IncidentRow[];
    return toIncident(row);
  }

  async resolveOpenFor(em: EntityManager, instanceId: string, itemId: string, by: string): Promise<void> {
    await em.query(
      `update engine_incident set status = 'resolved', resolved_by = $3, next_retry_at = null, updated_at = now()
       where instance_id = $1 and item_id = $2 and status in ('open', 'retrying')`,
      [instanceId, itemId, by],
    );
  }

  async get(id: string, em: EntityManager = this.tx.manager()): Promise<EngineIncident | undefined> {
    const [row] = (await em.query('select * from engine_incident where id = $1', [id])) as IncidentRow[];
    return row && toIncident(row);
  }

  async close(em: EntityManager, id: string, status: 'cancelled' | 'resolved', by: string): Promise<void> {
    await em.query(`update engine_incident set status = $2, resolved_by = $3, next_retry_at = null, updated_at = now() where id = $1`, [id, status, by]);
  }

  async dueForRetry(now: Date, limit: number): Promise<EngineIncident[]> {
    const rows = (await this.tx.manager().query(
      `select * from engine_incident where status = 'open' and next_retry_at <= $1 order by next_retry_at limit $2`,
      [now, limit],
    )) as IncidentRow[];
    return rows.map(toIncident);
  }

  async list(filter: { status?: string; instanceId?: string }, offset: number, limit: number): Promise<{ items: EngineIncident[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    if (filter.instanceId) where.push(`instance_id = $${params.push(filter.instanceId)}`);
    const clause = where.length ? `where ${where.join(' and ')}` : '';
    const em = this.tx.manager();
    const rows = (await em.query(
      `select * from engine_incident ${clause} order by created_at desc limit $${params.length + 1} offset $${params.length + 2}`,
      [...params, limit, offset],
    )) as IncidentRow[];
    const [{ total }] = (await em.query(`select count(*)::int as total from engine_incident ${clause}`, params)) as Array<{ total: number }>;
    return { items: rows.map(toIncident), total };
  }
}
