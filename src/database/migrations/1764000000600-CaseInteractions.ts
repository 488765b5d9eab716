import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console's and portal's case interactions and the legal clock:
 * - case_message: two-way messages between the citizen and the case's office;
 * - case_note: operators' internal notes (never shown to the citizen);
 * - case_rating: one 1–5 star rating per closed case (AgID criterion 6);
 * - case_clock_suspension: L. 241/1990 suspensions (art. 2 c. 7 integration, art. 10-bis notice);
 * - withdrawal data on case_file, the acting office on timeline entries;
 * - task: the citizen status a user task announces when first claimed, and completed-work indexes;
 * - catalogue_model_form: the form versions deployed with each engine model version.
 */
export class CaseInteractions1764000000600 implements MigrationInterface {
  name = 'CaseInteractions1764000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table case_message (
        id uuid primary key,
        case_id uuid not null references case_file(id) on delete cascade,
        author_kind text not null check (author_kind in ('citizen', 'operator')),
        author_id text not null,
        author_name text not null,
        office text not null,
        body text not null check (length(btrim(body)) between 1 and 4000),
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index case_message_case_idx on case_message (case_id, created_at desc, id desc)`);
    await q.query(`
      create table case_note (
        id uuid primary key,
        case_id uuid not null references case_file(id) on delete cascade,
        author_id text not null,
        office text not null,
        body text not null check (length(btrim(body)) between 1 and 4000),
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index case_note_case_idx on case_note (case_id, created_at desc, id desc)`);
    await q.query(`
      create table case_rating (
        case_id uuid primary key references case_file(id) on delete cascade,
        stars int not null check (stars between 1 and 5),
        comment text check (comment is null or length(comment) <= 1000),
        rated_at timestamptz not null default now()
      )`);
    await q.query(`
      create table case_clock_suspension (
        id bigserial primary key,
        case_id uuid not null references case_file(id) on delete cascade,
        kind text not null check (kind in ('integrazione', 'preavviso-rigetto')),
        item_id text not null,
        started_on date not null,
        resumes_on date,
        auto_resume_days int not null check (auto_resume_days > 0),
        max_days int not null check (max_days > 0),
        refused boolean not null default false,
        created_at timestamptz not null default now(),
        unique (case_id, item_id)
      )`);
    await q.query(`alter table case_file add column withdrawn_at timestamptz`);
    await q.query(`alter table case_file add column withdrawal_protocol_number text`);
    await q.query(`alter table case_file add column withdrawal_protocol_year int`);
    await q.query(`alter table case_event add column actor_office text`);
    await q.query(`alter table task add column citizen_status text`);
    await q.query(`alter table task add column citizen_message text`);
    await q.query(`create index task_completed_office_idx on task (office, completed_at desc, id desc) where status = 'completed'`);
    await q.query(`create index task_completed_by_idx on task (completed_by, completed_at desc, id desc) where status = 'completed'`);
    await q.query(`
      create table catalogue_model_form (
        model_version_id uuid not null references engine_model_version(id),
        form_key text not null,
        form_version int not null check (form_version > 0),
        primary key (model_version_id, form_key)
      )`);
    // Model versions deployed before this table existed: bind them to the newest form versions.
    await q.query(`
      insert into catalogue_model_form (model_version_id, form_key, form_version)
      select p.model_version_id, f.key, max(v.version)
      from catalogue_procedure p
      cross join lateral (select p.start_form_key as key union select t->>'formKey' from jsonb_array_elements(p.task_forms) t) f
      join catalogue_form_version v on v.form_key = f.key
      group by p.model_version_id, f.key
      on conflict do nothing`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table catalogue_model_form`);
    await q.query(`drop index task_completed_by_idx`);
    await q.query(`drop index task_completed_office_idx`);
    await q.query(`alter table task drop column citizen_message`);
    await q.query(`alter table task drop column citizen_status`);
    await q.query(`alter table case_event drop column actor_office`);
    await q.query(`alter table case_file drop column withdrawal_protocol_year`);
    await q.query(`alter table case_file drop column withdrawal_protocol_number`);
    await q.query(`alter table case_file drop column withdrawn_at`);
    await q.query(`drop table case_clock_suspension`);
    await q.query(`drop table case_rating`);
    await q.query(`drop table case_note`);
    await q.query(`drop table case_message`);
  }
}
