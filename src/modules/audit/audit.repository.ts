import { Transactions } from '../../database';
import { AuditRow } from './audit.types';

export interface AuditFilter {
  resourceType?: string;
  resourceId?: string;
}

/** audit_event and its head pointer; every query joins the caller's transaction. */
export class AuditRepository {
  constructor(private readonly tx: Transactions) {}

  /** Locks the chain head until the transaction ends: appends are serialised, numbered in commit order. */
  async lockHead(): Promise<{ seq: number; hash: string }> {
    const [row] = (await this.tx.manager().query(`select seq, hash from audit_head where id for update`)) as Array<{ seq: string; hash: string }>;
    return { seq: Number(row.seq), hash: row.hash };
  }

  async append(r: Omit<AuditRow, 'occurred_at'> & { occurred_at: Date }): Promise<void> {
    // The row and the head move together, in one statement (one round trip while the head is held).
    await this.tx.manager().query(
      `with appended as (
         insert into audit_event (seq, occurred_at, actor_kind, actor_subject, action, resource_type, resource_id, channel, address, prev_hash, hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11))
       update audit_head set seq = $1, hash = $11 where id`,
      [r.seq, r.occurred_at, r.actor_kind, r.actor_subject, r.action, r.resource_type, r.resource_id, r.channel, r.address, r.prev_hash, r.hash],
    );
  }

  async list(f: AuditFilter, offset: number, limit: number): Promise<{ rows: AuditRow[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (f.resourceType) where.push(`resource_type = $${params.push(f.resourceType)}`);
    if (f.resourceId) where.push(`resource_id = $${params.push(f.resourceId)}`);
    const clause = where.length ? `where ${where.join(' and ')}` : '';
    const em = this.tx.manager();
    const rows = (await em.query(`select * from audit_event ${clause} order by seq desc limit ${Number(limit)} offset ${Number(offset)}`, params)) as AuditRow[];
    const [{ total }] = (await em.query(`select count(*)::int as total from audit_event ${clause}`, params)) as Array<{ total: number }>;
    return { rows, total };
  }

  /** Rows in chain order, a batch after `afterSeq`. */
  async batch(afterSeq: number, limit: number, f: AuditFilter = {}): Promise<AuditRow[]> {
    const params: unknown[] = [afterSeq];
    const where = [`seq > $1`];
    if (f.resourceType) where.push(`resource_type = $${params.push(f.resourceType)}`);
    if (f.resourceId) where.push(`resource_id = $${params.push(f.resourceId)}`);
    return (await this.tx.manager().query(`select * from audit_event where ${where.join(' and ')} order by seq limit ${Number(limit)}`, params)) as AuditRow[];
  }

  async head(): Promise<{ seq: number; hash: string }> {
    const [row] = (await this.tx.manager().query(`select seq, hash from audit_head where id`)) as Array<{ seq: string; hash: string }>;
    return { seq: Number(row.seq), hash: row.hash };
  }
}
