import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The development ANPR's state (task acts): its registry of subjects, seeded at boot with the
 * demo citizens only when the fake is on, and its fault switch. In PostgreSQL so every app
 * process answers the same, and a test can change an address or make ANPR fail.
 */
export class DevAnpr1764000002100 implements MigrationInterface {
  name = 'DevAnpr1764000002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table dev_anpr_subject (
        fiscal_code text primary key,
        person jsonb not null,
        residence jsonb not null,
        family jsonb not null default '[]',
        status text not null default 'resident' check (status in ('resident', 'deceased', 'emigrated')),
        status_date date,
        destination text,
        updated_at timestamptz not null default now()
      )`);
    await q.query(`create table dev_anpr_setting (id integer primary key check (id = 1), unavailable boolean not null default false)`);
    await q.query(`insert into dev_anpr_setting (id) values (1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table dev_anpr_setting`);
    await q.query(`drop table dev_anpr_subject`);
  }
}
