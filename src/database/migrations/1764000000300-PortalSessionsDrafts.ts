import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The portal's server-side sessions (app processes stay stateless) and the wizard's drafts
 * (AgID criterion 5: kept at least a year, then purged by the retention job).
 */
export class PortalSessionsDrafts1764000000300 implements MigrationInterface {
  name = 'PortalSessionsDrafts1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table web_session (
        sid text primary key,
        data jsonb not null,
        expires_at timestamptz not null
      )`);
    await q.query(`create index web_session_expires_idx on web_session (expires_at)`);
    await q.query(`
      create table draft (
        id uuid primary key,
        citizen_fiscal_code text not null,
        procedure_key text not null,
        data jsonb not null,
        step int not null default 0,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        unique (citizen_fiscal_code, procedure_key)
      )`);
    await q.query(`create index draft_updated_idx on draft (updated_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table draft`);
    await q.query(`drop table web_session`);
  }
}
