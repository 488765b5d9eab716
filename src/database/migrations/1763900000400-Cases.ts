import { MigrationInterface, QueryRunner } from 'typeorm';

/** Cases (pratiche), their citizen-visible timeline, and the office task projection. */
export class Cases1763900000400 implements MigrationInterface {
  name = 'Cases1763900000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table case_file (
        id uuid primary key,
        code text not null unique,
        procedure_key text not null,
        procedure_title text not null,
        model_version_id uuid,
        office text not null,
        citizen_fiscal_code text not null,
        citizen_name text not null,
        citizen_email text,
        channel text not null default 'web',
        status text not null,
        data jsonb not null,
        instance_id text unique,
        protocol_number text,
        protocol_year int,
        protocol_date timestamptz,
        submitted_at timestamptz not null,
        taken_in_charge_at timestamptz,
        legal_days int not null,
        legal_deadline date not null,
        outcome text,
        outcome_protocol_number text,
        outcome_protocol_year int,
        closed_at timestamptz,
        idempotency_key text,
        version int not null default 0
      )`);
    await q.query(`create unique index case_file_idempotency_idx on case_file (citizen_fiscal_code, idempotency_key) where idempotency_key is not null`);
    await q.query(`create index case_file_citizen_idx on case_file (citizen_fiscal_code, submitted_at desc, id)`);
    await q.query(`
      create table case_event (
        id bigserial primary key,
        case_id uuid not null references case_file(id) on delete cascade,
        status text not null,
        message text not null,
        actor_kind text not null check (actor_kind in ('citizen', 'operator', 'system')),
        element_id text,
        item_id text,
        occurred_at timestamptz not null default now(),
        unique (case_id, item_id, status)
      )`);
    await q.query(`create index case_event_case_idx on case_event (case_id, id)`);
    await q.query(`
      create table task (
        id text not null,
        office text not null,
        case_id uuid not null references case_file(id) on delete cascade,
        instance_id text not null,
        element_id text not null,
        name text,
        form_key text,
        status text not null check (status in ('open', 'completed', 'cancelled')),
        assignee text,
        claimed_at timestamptz,
        created_at timestamptz not null,
        completed_at timestamptz,
        completed_by text,
        due_at date,
        procedure_key text not null,
        procedure_title text not null,
        citizen_name text not null,
        protocol_number text,
        version int not null default 0,
        primary key (id, office)
      )`);
    await q.query(`create index task_inbox_created_idx on task (office, created_at, id) where status = 'open'`);
    await q.query(`create index task_inbox_due_idx on task (office, due_at, id) where status = 'open'`);
    await q.query(`create index task_assignee_idx on task (assignee, created_at, id) where status = 'open'`);
    await q.query(`create index task_case_idx on task (case_id)`);
    // Status look-ups by code + fiscal code, counted per client and window (shared by all app processes).
    await q.query(`
      create table case_lookup_attempt (
        client text not null,
        window_start timestamptz not null,
        attempts int not null,
        primary key (client, window_start)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table case_lookup_attempt`);
    await q.query(`drop table task`);
    await q.query(`drop table case_event`);
    await q.query(`drop table case_file`);
  }
}
