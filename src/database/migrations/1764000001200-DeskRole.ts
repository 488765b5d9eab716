import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The front-desk role: a staff membership may be `desk` (Italian "sportello"), the polyvalent desk
 * that sees all of a citizen's cases and files any procedure on their behalf. A desk filing
 * records who filed, how the applicant was identified and, when someone else filed, the delega.
 */
export class DeskRole1764000001200 implements MigrationInterface {
  name = 'DeskRole1764000001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table staff_membership drop constraint if exists staff_membership_role_check`);
    await q.query(`alter table staff_membership add constraint staff_membership_role_check check (role in ('operator', 'head', 'desk'))`);
    await q.query(`
      create table desk_filing (
        case_id uuid primary key,
        operator_id text not null,
        identification text not null check (identification in ('signed-before-employee', 'id-copy-attached')),
        id_document_type text not null check (id_document_type in ('carta-identita', 'passaporto', 'patente', 'altro')),
        id_document_number text not null check (length(id_document_number) between 3 and 40),
        delegate_name text check (delegate_name is null or length(delegate_name) between 1 and 200),
        delegate_fiscal_code text,
        delega_document_id uuid,
        filed_at timestamptz not null default now(),
        check ((delegate_name is null) = (delegate_fiscal_code is null))
      )`);
    await q.query(`create index desk_filing_operator_idx on desk_filing (operator_id, filed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table desk_filing`);
    await q.query(`delete from staff_membership where role = 'desk'`);
    await q.query(`alter table staff_membership drop constraint if exists staff_membership_role_check`);
    await q.query(`alter table staff_membership add constraint staff_membership_role_check check (role in ('operator', 'head'))`);
  }
}
