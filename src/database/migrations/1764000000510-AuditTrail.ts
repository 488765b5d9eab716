import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: append-only (a trigger refuses update, delete and truncate), each row
 * carrying the SHA-256 of its content chained to the previous row's hash. Appends serialise on
 * the single audit_head row (locked until commit), so numbers and the chain are linear across
 * processes and follow commit order.
 */
export class AuditTrail1764000000510 implements MigrationInterface {
  name = 'AuditTrail1764000000510';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table audit_event (
        seq bigint primary key,
        occurred_at timestamptz not null,
        actor_kind text not null,
        actor_subject text not null,
        action text not null,
        resource_type text not null,
        resource_id text not null,
        channel text not null check (channel in ('web', 'desk', 'api', 'system')),
        address text,
        prev_hash text not null,
        hash text not null unique
      )`);
    await q.query(`create index audit_event_resource_idx on audit_event (resource_type, resource_id, seq)`);
    await q.query(`create table audit_head (id boolean primary key default true check (id), seq bigint not null, hash text not null)`);
    await q.query(`insert into audit_head (id, seq, hash) values (true, 0, repeat('0', 64))`);
    await q.query(`
      create function audit_event_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_event is append-only' using errcode = '42501';
      end $$`);
    await q.query(`create trigger audit_event_no_update before update or delete on audit_event for each row execute function audit_event_append_only()`);
    await q.query(`create trigger audit_event_no_truncate before truncate on audit_event for each statement execute function audit_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table audit_event`);
    await q.query(`drop table audit_head`);
    await q.query(`drop function audit_event_append_only()`);
  }
}
