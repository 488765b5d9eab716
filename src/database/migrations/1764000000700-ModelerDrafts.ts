import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drafts saved from the modeler: one working copy per procedure (BPMN XML) and per form (form-js
 * schema), never read by the engine. Publishing turns a draft into a catalogue version.
 */
export class ModelerDrafts1764000000700 implements MigrationInterface {
  name = 'ModelerDrafts1764000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table modeler_draft (
      kind text not null check (kind in ('procedure', 'form')),
      key text not null,
      content text not null,
      updated_by text not null,
      updated_at timestamptz not null default now(),
      primary key (kind, key)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table modeler_draft');
  }
}
