import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versions published from the modeler: which model version an analyst published, with which form
 * versions and the semantic diff they read before publishing. A boot deploy keeps a published
 * version when processes/ (or forms/) still hold an older one, until catalogue:export writes it back.
 */
export class CataloguePublications1764000001500 implements MigrationInterface {
  name = 'CataloguePublications1764000001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table catalogue_publication (
      id uuid primary key default gen_random_uuid(),
      process_key text not null,
      model_version_id uuid not null references engine_model_version(id),
      model_version int not null,
      forms jsonb not null default '[]',
      diff jsonb not null default '{}',
      published_by text not null,
      published_at timestamptz not null default now()
    )`);
    await q.query('create index catalogue_publication_key on catalogue_publication (process_key, model_version desc)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table catalogue_publication');
  }
}
