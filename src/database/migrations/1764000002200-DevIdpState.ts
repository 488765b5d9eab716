import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The development identity provider's state (oidc-provider's adapter): codes, sessions,
 * interactions, grants and tokens as JSON rows keyed by model and id, so every app process serves
 * every step of a login. `grant_id`, `uid` and `user_code` are the provider's secondary look-ups;
 * expired rows are never read and are swept.
 */
export class DevIdpState1764000002200 implements MigrationInterface {
  name = 'DevIdpState1764000002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table dev_idp_state (
        model text not null,
        id text not null,
        payload jsonb not null,
        grant_id text,
        uid text,
        user_code text,
        expires_at timestamptz,
        consumed_at timestamptz,
        primary key (model, id)
      )`);
    await q.query(`create index dev_idp_state_grant on dev_idp_state (grant_id) where grant_id is not null`);
    await q.query(`create index dev_idp_state_uid on dev_idp_state (model, uid) where uid is not null`);
    await q.query(`create index dev_idp_state_user_code on dev_idp_state (model, user_code) where user_code is not null`);
    await q.query(`create index dev_idp_state_expiry on dev_idp_state (expires_at) where expires_at is not null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table dev_idp_state`);
  }
}
