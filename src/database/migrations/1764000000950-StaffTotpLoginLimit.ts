import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff second factor and the login rate limit. TOTP secrets are stored encrypted (AES-256-GCM,
 * key outside the database); `last_step` makes every code good once. Login attempts are counted
 * per client and window here, so every app process shares the limit.
 */
export class StaffTotpLoginLimit1764000000950 implements MigrationInterface {
  name = 'StaffTotpLoginLimit1764000000950';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table staff_totp (
        user_id text primary key references staff_user (id) on delete cascade,
        secret_enc text not null,
        last_step bigint,
        enabled_at timestamptz not null default now()
      )`);
    await q.query(`
      create table login_attempt (
        client text not null,
        window_start timestamptz not null,
        attempts int not null,
        primary key (client, window_start)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table login_attempt`);
    await q.query(`drop table staff_totp`);
  }
}
