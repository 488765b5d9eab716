import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task acts: an act may need a residence check (ANPR) before it is rendered (`anpr_check`, e.g.
 * `residenza` for the certificato di residenza); the issuer asks ANPR outside any transaction.
 * `refused`: ANPR answered that the subject does not reside (not found, deceased, emigrated), so
 * no certificate is issued; `last_error` says why, for the office.
 */
export class ActRequestResidence1764000002110 implements MigrationInterface {
  name = 'ActRequestResidence1764000002110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table act_request add column anpr_check text check (anpr_check in ('residenza'))`);
    await q.query(`alter table act_request drop constraint act_request_status_check`);
    await q.query(`alter table act_request add constraint act_request_status_check check (status in ('pending', 'issued', 'refused'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`update act_request set status = 'pending' where status = 'refused'`);
    await q.query(`alter table act_request drop constraint act_request_status_check`);
    await q.query(`alter table act_request add constraint act_request_status_check check (status in ('pending', 'issued'))`);
    await q.query(`alter table act_request drop column anpr_check`);
  }
}
