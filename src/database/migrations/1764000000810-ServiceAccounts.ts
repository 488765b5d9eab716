import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service accounts (machine clients of the Comune's verticals), their API keys (only a SHA-256
 * of each key is kept; at most two live keys per account, for rotation) and the record of every
 * call they make (until the platform audit module takes it over).
 */
export class ServiceAccounts1764000000810 implements MigrationInterface {
  name = 'ServiceAccounts1764000000810';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table service_account (
        id uuid primary key,
        name text not null unique,
        description text not null default '',
        scopes text[] not null,
        offices text[] not null,
        procedures text[] not null default '{}',
        created_by text not null,
        created_at timestamptz not null default now()
      )`);
    await q.query(`
      create table service_account_key (
        id uuid primary key,
        account_id uuid not null references service_account (id),
        lookup text not null unique,
        key_hash text not null,
        created_by text not null,
        created_at timestamptz not null default now(),
        revoked_at timestamptz,
        revoked_by text
      )`);
    await q.query(`create index service_account_key_live_idx on service_account_key (account_id) where revoked_at is null`);
    await q.query(`
      create table service_account_call (
        id bigint generated always as identity primary key,
        account_id uuid not null,
        key_id uuid not null,
        method text not null,
        path text not null,
        status int not null,
        at timestamptz not null default now()
      )`);
    await q.query(`create index service_account_call_account_idx on service_account_call (account_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table service_account_call`);
    await q.query(`drop table service_account_key`);
    await q.query(`drop table service_account`);
  }
}
