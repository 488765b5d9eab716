import { Transactions } from '../../database';
import { AuditRow } from './audit.types';

export interface AuditFilter {
  resourceType?: string;
  resourceId?: string;
}

/** audit_event and its head pointer; every query joins the caller's transaction. */
export class AuditRepository {
  constructor(private readonly tx: Transactions) {}

  /**
   * Appends the next link in one statement: locks the chain head (held until the transaction
   * ends, so appends are serialised and numbered in commit order), stamps the row with the
   * database clock after the lock, hashes it exactly as `auditHash` does (SHA-256 of the JSON
   * array of the fields; PostgreSQL's JSON string escaping is JSON.stringify's), inserts it and
   * moves the head. One round trip while the head is held, instead of a locking read, a hash
   * in the app and a write: every audited write of every process queues on this row.
   */
  async appendNext(r: Pick<AuditRow, 'actor_kind' | 'actor_subject' | 'action' | 'resource_type' | 'resource_id' | 'channel' | 'address'>): Promise<AuditRow> {
    const [row] = (await this.tx.manager().query(
      `with head as (select seq, hash from audit_head where id for update),
       link as (
         select head.seq + 1 as seq, date_trunc('milliseconds', clock_timestamp()) as occurred_at, head.hash as prev_hash from head),
       hashed as (
         select link.*, encode(sha256(convert_to(
                  '[' || link.seq::text
                  || ',' || to_json(to_char(link.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
                  || ',' || to_json($1::text)::text || ',' || to_json($2::text)::text || ',' || to_json($3::text)::text
                  || ',' || to_json($4::text)::text || ',' || to_json($5::text)::text || ',' || to_json($6::text)::text
                  || ',' || coalesce(to_json($7::text)::text, 'null') || ',' || to_json(link.prev_hash)::text || ']',
                  'UTF8')), 'hex') as hash
           from link),
       appended as (
         insert into audit_event (seq, occurred_at, actor_kind, actor_subject, action, resource_type, resource_id, channel, address, prev_hash, hash)
         select seq, occurred_at, $1, $2, $3, $4, $5, $6, $7, prev_hash, hash from hashed),
       moved as (update audit_head set seq = hashed.seq, hash = hashed.hash from hashed where audit_head.id returning hashed.*)
       select seq, occurred_at, prev_hash, hash from moved`,
      [r.actor_kind, r.actor_subject, r.action, r.resource_type, r.resource_id, r.channel, r.address],
    )) as Array<Pick<AuditRow, 'seq' | 'occurred_at' | 'prev_hash' | 'hash'>>;
    return { ...r, ...row };
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
