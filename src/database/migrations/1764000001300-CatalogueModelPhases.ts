import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The citizen-visible phases of each engine model version, in diagram order (the catalogue walks
 * the BPMN at deploy: the engine does not expose its element index). The portal's stepper reads
 * them for the model version a case runs on. Versions deployed before this table get theirs at
 * the next deploy of the catalogue (an unchanged diagram keeps its model version id).
 */
export class CatalogueModelPhases1764000001300 implements MigrationInterface {
  name = 'CatalogueModelPhases1764000001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table catalogue_model_phases (
        model_version_id uuid primary key references engine_model_version(id),
        phases jsonb not null check (jsonb_typeof(phases) = 'array')
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table catalogue_model_phases`);
  }
}
