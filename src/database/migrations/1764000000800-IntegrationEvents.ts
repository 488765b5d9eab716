import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The integration event feed. A sequence value is taken when a row is inserted, i.e. in the
 * order transactions *write*, not the order they *commit*: a reader that has seen event 8 of a
 * committed transaction may later meet event 7 of a slower one, and skip it for ever. So events
 * are numbered at commit instead: a deferred constraint trigger takes the next number from a
 * one-row counter, whose row lock is held until the transaction ends. The next committing
 * transaction waits for that lock, so numbers follow commit order with no gaps, and a row with
 * number n+1 is only ever visible once every row up to n is. Rows are never updated afterwards.
 */
export class IntegrationEvents1764000000800 implements MigrationInterface {
  name = 'IntegrationEvents1764000000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table integration_event_counter (
        id boolean primary key default true check (id),
        last_seq bigint not null
      )`);
    await q.query(`insert into integration_event_counter (id, last_seq) values (true, 0)`);
    await q.query(`
      create table integration_event (
        id uuid primary key,
        seq bigint,
        dedupe_key text not null,
        type text not null,
        case_id uuid,
        task_id text,
        procedure_key text,
        offices text[] not null default '{}',
        data jsonb not null default '{}'::jsonb,
        occurred_at timestamptz not null default now()
      )`);
    await q.query(`create unique index integration_event_seq_idx on integration_event (seq)`);
    await q.query(`create unique index integration_event_dedupe_idx on integration_event (dedupe_key)`);
    await q.query(`
      create function integration_event_number() returns trigger language plpgsql as $$
      declare n bigint;
      begin
        update integration_event_counter set last_seq = last_seq + 1 returning last_seq into n;
        update integration_event set seq = n where id = new.id;
        return null;
      end $$`);
    await q.query(`
      create constraint trigger integration_event_number after insert on integration_event
        deferrable initially deferred for each row execute function integration_event_number()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger integration_event_number on integration_event`);
    await q.query(`drop function integration_event_number()`);
    await q.query(`drop table integration_event`);
    await q.query(`drop table integration_event_counter`);
  }
}
