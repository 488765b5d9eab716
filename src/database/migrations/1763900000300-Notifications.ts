import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transactional outbox for citizen e-mails: a row is written in the same transaction as the case
 * change it announces, and a dispatcher sends it after commit. `dedupe_key` makes enqueuing
 * idempotent; `locked_until` is the lease a dispatcher holds while sending; `attempts` doubles as
 * the fencing token that only the current lease holder can complete.
 */
export class Notifications1763900000300 implements MigrationInterface {
  name = 'Notifications1763900000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table notification_outbox (
        id uuid primary key default gen_random_uuid(),
        dedupe_key text not null unique check (length(btrim(dedupe_key)) between 1 and 200),
        channel text not null default 'email' check (channel in ('email')),
        case_id text not null,
        event text not null,
        procedure_key text not null,
        template text not null,
        locale text not null default 'it',
        recipient text not null,
        subject text not null,
        body_html text not null,
        body_text text not null,
        message_id text not null unique,
        status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
        attempts int not null default 0 check (attempts >= 0),
        next_attempt_at timestamptz not null default now(),
        locked_until timestamptz,
        last_error text,
        smtp_response text,
        created_at timestamptz not null default now(),
        sent_at timestamptz,
        check ((status = 'sent') = (sent_at is not null))
      )`);
    await q.query(`
      create index notification_outbox_due_idx on notification_outbox (next_attempt_at) where status = 'pending'`);
    await q.query(`create index notification_outbox_case_idx on notification_outbox (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table notification_outbox`);
  }
}
