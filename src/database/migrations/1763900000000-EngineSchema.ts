import { MigrationInterface, QueryRunner } from 'typeorm';

/** Engine persistence: immutable model versions, instances, the item projection, incidents. */
export class EngineSchema1763900000000 implements MigrationInterface {
  name = 'EngineSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table engine_model_version (
        id uuid primary key default gen_random_uuid(),
        process_key text not null,
        version int not null,
        xml text not null,
        hash text not null,
        start_events jsonb not null default '[]',
        elements jsonb not null default '{}',
        created_at timestamptz not null default now(),
        unique (process_key, version)
      )`);
    await q.query(`create index engine_model_version_hash_idx on engine_model_version (process_key, hash)`);
    await q.query(`
      create table engine_instance (
        id text primary key,
        model_version_id uuid not null references engine_model_version(id),
        name text not null,
        status text not null,
        version int not null,
        parent_item_id text,
        started_at timestamptz,
        ended_at timestamptz,
        saved timestamptz,
        data jsonb not null default '{}',
        tokens jsonb not null default '[]',
        items jsonb not null default '[]',
        loops jsonb not null default '[]',
        extra jsonb not null default '{}'
      )`);
    // Messages correlate on the case: a btree on data->>'caseId' instead of a GIN over all data
    // (rewritten on every save of every instance).
    await q.query(`create index engine_instance_case_idx on engine_instance ((data->>'caseId'))`);
    await q.query(`create index engine_instance_parent_idx on engine_instance (parent_item_id) where parent_item_id is not null`);
    await q.query(`
      create table engine_item (
        id text primary key,
        instance_id text not null references engine_instance(id) on delete cascade,
        seq int not null,
        element_id text not null,
        element_type text,
        name text,
        status text not null,
        assignee text,
        candidate_groups text[] not null default '{}',
        candidate_users text[] not null default '{}',
        priority int,
        due_date timestamptz,
        follow_up_date timestamptz,
        time_due timestamptz,
        message_id text,
        signal_id text,
        item_key text,
        started_at timestamptz,
        ended_at timestamptz
      )`);
    await q.query(`create index engine_item_instance_idx on engine_item (instance_id, seq)`);
    await q.query(`create index engine_item_timer_idx on engine_item (time_due) where status = 'wait' and time_due is not null`);
    await q.query(`create index engine_item_message_idx on engine_item (message_id) where status = 'wait' and message_id is not null`);
    await q.query(`create index engine_item_signal_idx on engine_item (signal_id) where status = 'wait' and signal_id is not null`);
    await q.query(`
      create table engine_incident (
        id uuid primary key default gen_random_uuid(),
        instance_id text not null,
        item_id text,
        element_id text,
        operation text not null,
        error_code text,
        error_message text not null,
        attempts int not null default 1,
        status text not null default 'open' check (status in ('open', 'retrying', 'resolved', 'cancelled')),
        next_retry_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        resolved_by text
      )`);
    await q.query(`create index engine_incident_retry_idx on engine_incident (next_retry_at) where status = 'open'`);
    await q.query(`create unique index engine_incident_open_item_idx on engine_incident (instance_id, coalesce(item_id, '')) where status in ('open', 'retrying')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table engine_incident`);
    await q.query(`drop table engine_item`);
    await q.query(`drop table engine_instance`);
    await q.query(`drop table engine_model_version`);
  }
}
