import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console inbox's saved filters: per operator, a name and the inbox query string it reopens
 * (only the filter fields; never a cursor). A name is unique per operator: saving again replaces it.
 */
export class ConsoleSavedFilters1764000001100 implements MigrationInterface {
  name = 'ConsoleSavedFilters1764000001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table console_saved_filter (
        id uuid primary key,
        operator_id text not null,
        name text not null,
        query text not null,
        created_at timestamptz not null default now(),
        unique (operator_id, name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table console_saved_filter`);
  }
}
