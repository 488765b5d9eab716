import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The procedure catalogue: offices, immutable form versions and one row per procedure pointing at
 * its current engine model version. `title_search` is the title lower-cased without accents, kept by
 * the application, so search works the same on PostgreSQL and PGlite without the unaccent extension.
 */
export class Catalogue1763900000200 implements MigrationInterface {
  name = 'Catalogue1763900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table catalogue_office (
        key text primary key check (key ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'),
        name text not null check (length(btrim(name)) > 0),
        email text not null,
        updated_at timestamptz not null default now()
      )`);
    await q.query(`
      create table catalogue_form_version (
        id uuid primary key default gen_random_uuid(),
        form_key text not null check (form_key ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'),
        version int not null check (version > 0),
        hash text not null,
        schema jsonb not null,
        created_at timestamptz not null default now(),
        unique (form_key, version)
      )`);
    await q.query(`
      create table catalogue_procedure (
        key text primary key check (key ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'),
        title text not null check (length(btrim(title)) > 0),
        title_search text not null,
        office text not null references catalogue_office(key),
        category text not null,
        legal_basis text not null,
        legal_days int not null check (legal_days between 1 and 180),
        spid_level text not null check (spid_level in ('1', '2', '3', 'none')),
        fee_cents int check (fee_cents >= 0),
        life_events text[] not null default '{}',
        start_form_key text not null,
        task_forms jsonb not null default '[]' check (jsonb_typeof(task_forms) = 'array'),
        model_version_id uuid not null references engine_model_version(id),
        model_version int not null,
        model_deployed_at timestamptz not null,
        active boolean not null default true,
        updated_at timestamptz not null default now()
      )`);
    await q.query('create index catalogue_procedure_office_idx on catalogue_procedure (office, category)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table catalogue_procedure');
    await q.query('drop table catalogue_form_version');
    await q.query('drop table catalogue_office');
  }
}
