import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents: content-addressed bytes (in the row, or in a file named by the digest), the
 * citizens' uploads and the documents the Comune issues (receipts now, outcome acts later).
 * Issued documents are immutable: a trigger refuses updates and deletes.
 */
export class Documents1764000000400 implements MigrationInterface {
  name = 'Documents1764000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table document_content (
        sha256 char(64) primary key check (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint not null check (size >= 0),
        storage text not null check (storage in ('database', 'folder')),
        content bytea,
        created_at timestamptz not null default now(),
        check ((storage = 'database') = (content is not null))
      )`);
    await q.query(`
      create table attachment (
        id uuid primary key,
        owner_fiscal_code text not null,
        field text not null check (length(field) between 1 and 200),
        name text not null check (length(name) between 1 and 255),
        media_type text not null,
        size bigint not null check (size > 0),
        sha256 char(64) not null references document_content (sha256),
        uploaded_at timestamptz not null,
        case_id uuid references case_file (id),
        office text,
        filed_at timestamptz,
        check ((case_id is null) = (filed_at is null))
      )`);
    await q.query(`create index attachment_owner_pending_idx on attachment (owner_fiscal_code, field) where case_id is null`);
    await q.query(`create index attachment_unfiled_age_idx on attachment (uploaded_at) where case_id is null`);
    await q.query(`create index attachment_case_idx on attachment (case_id) where case_id is not null`);
    await q.query(`create index attachment_owner_filed_idx on attachment (owner_fiscal_code, uploaded_at desc) where case_id is not null`);
    await q.query(`create index attachment_sha256_idx on attachment (sha256)`);
    await q.query(`
      create table issued_document (
        id uuid primary key,
        kind text not null check (kind in ('receipt', 'act')),
        case_id uuid not null references case_file (id),
        owner_fiscal_code text not null,
        office text not null,
        name text not null,
        media_type text not null,
        size bigint not null check (size > 0),
        sha256 char(64) not null references document_content (sha256),
        verification_code text not null unique,
        protocol_number text,
        protocol_year integer,
        template text not null,
        created_at timestamptz not null
      )`);
    await q.query(`create unique index issued_document_one_receipt_idx on issued_document (case_id) where kind = 'receipt'`);
    await q.query(`create index issued_document_case_idx on issued_document (case_id, created_at)`);
    await q.query(`create index issued_document_owner_idx on issued_document (owner_fiscal_code, created_at desc)`);
    await q.query(`create index issued_document_sha256_idx on issued_document (sha256)`);
    await q.query(`
      create function issued_document_reject_change() returns trigger language plpgsql as $$
      begin
        raise exception 'issued documents are immutable: % on % is not allowed', tg_op, tg_table_name
          using errcode = 'restrict_violation';
      end
      $$`);
    await q.query(`
      create trigger issued_document_immutable before update or delete on issued_document
      for each row execute function issued_document_reject_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table issued_document`);
    await q.query(`drop function issued_document_reject_change()`);
    await q.query(`drop table attachment`);
    await q.query(`drop table document_content`);
  }
}
