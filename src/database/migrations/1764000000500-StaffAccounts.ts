import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff accounts: operators, analysts and admins, with argon2id password hashes (never plain
 * passwords), failed logins counted here so every app process shares the lock-out, and
 * memberships per office (processes/offices.json keys; "citizen" is a queue, never an office).
 */
export class StaffAccounts1764000000500 implements MigrationInterface {
  name = 'StaffAccounts1764000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table staff_user (
        id text primary key check (id ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$'),
        display_name text not null check (length(display_name) between 1 and 200),
        kind text not null check (kind in ('operator', 'analyst', 'admin')),
        password_hash text check (password_hash is null or password_hash like '$argon2id$%'),
        failed_logins int not null default 0,
        locked_until timestamptz,
        active boolean not null default true,
        created_at timestamptz not null default now(),
        last_login_at timestamptz
      )`);
    await q.query(`
      create table staff_membership (
        user_id text not null references staff_user (id) on delete cascade,
        office text not null check (office ~ '^[a-z0-9][a-z0-9-]{0,63}$' and office <> 'citizen'),
        role text not null check (role in ('operator', 'head')),
        primary key (user_id, office)
      )`);
    await q.query(`create index staff_membership_office_idx on staff_membership (office, user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table staff_membership`);
    await q.query(`drop table staff_user`);
  }
}
