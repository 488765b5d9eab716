import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Protocol register (DPR 445/2000 artt. 53-57): a gapless counter per (AOO, register, year), the
 * append-only entries and the append-only annulments (art. 54: an entry is never edited or deleted).
 */
export class ProtocolRegister1763900000100 implements MigrationInterface {
  name = 'ProtocolRegister1763900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table protocol_counter (
        aoo text not null,
        register text not null,
        year int not null,
        last_number int not null default 0 check (last_number >= 0),
        primary key (aoo, register, year)
      )`);
    await q.query(`
      create table protocol_entry (
        id uuid primary key default gen_random_uuid(),
        aoo text not null check (aoo ~ '^[A-Za-z0-9_.-]{1,16}$'),
        register text not null check (register ~ '^[A-Za-z0-9_.-]{1,16}$'),
        year int not null check (year between 1900 and 9999),
        number int not null check (number > 0),
        registered_at timestamptz not null,
        direction text not null check (direction in ('in', 'out', 'internal')),
        channel text not null check (channel in ('web', 'desk', 'email', 'pec', 'system')),
        correspondent_name text not null check (length(btrim(correspondent_name)) > 0),
        correspondent_fiscal_code text,
        correspondent_email text,
        subject text not null check (length(btrim(subject)) > 0 and char_length(subject) <= 1000),
        office text not null check (length(office) > 0),
        case_id text,
        documents jsonb not null default '[]' check (jsonb_typeof(documents) = 'array'),
        sender_reference_number text,
        sender_reference_date date,
        identification text check (identification in ('signed-before-employee', 'id-copy-attached')),
        registered_by text,
        unique (aoo, register, year, number),
        check (channel <> 'desk' or identification is not null)
      )`);
    await q.query(`create index protocol_entry_registered_at_idx on protocol_entry (registered_at)`);
    await q.query(`create index protocol_entry_case_idx on protocol_entry (case_id) where case_id is not null`);
    await q.query(`
      create table protocol_annulment (
        id uuid primary key default gen_random_uuid(),
        entry_id uuid not null unique references protocol_entry(id),
        reason text not null check (length(btrim(reason)) > 0),
        authorised_by text not null check (length(btrim(authorised_by)) > 0),
        act text,
        annulled_at timestamptz not null
      )`);
    await q.query(`create index protocol_annulment_annulled_at_idx on protocol_annulment (annulled_at)`);
    await q.query(`
      create function protocol_reject_change() returns trigger language plpgsql as $$
      begin
        raise exception 'the protocol register is append-only: % on % is not allowed', tg_op, tg_table_name
          using errcode = 'restrict_violation';
      end
      $$`);
    for (const table of ['protocol_entry', 'protocol_annulment']) {
      await q.query(`
        create trigger ${table}_append_only before update or delete on ${table}
        for each row execute function protocol_reject_change()`);
      await q.query(`
        create trigger ${table}_no_truncate before truncate on ${table}
        for each statement execute function protocol_reject_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table protocol_annulment`);
    await q.query(`drop table protocol_entry`);
    await q.query(`drop function protocol_reject_change()`);
    await q.query(`drop table protocol_counter`);
  }
}
