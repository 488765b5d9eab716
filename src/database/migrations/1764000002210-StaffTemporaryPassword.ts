import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A password an administrator set (new account, reset) is temporary: the user must choose their
 * own at the next login before anything else. Existing accounts keep theirs.
 */
export class StaffTemporaryPassword1764000002210 implements MigrationInterface {
  name = 'StaffTemporaryPassword1764000002210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table staff_user add column must_change_password boolean not null default false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table staff_user drop column must_change_password`);
  }
}
