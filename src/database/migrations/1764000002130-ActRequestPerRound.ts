import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task acts: a step that runs again in a loop (a second request for integration on the same case)
 * issues a new act. Each round registers a new outbound protocol entry before the act, so the
 * request is one per case, step and protocol entry; a retried step (same transaction rolled back)
 * still finds its first request. Acts without a protocol entry stay one per case and step.
 */
export class ActRequestPerRound1764000002130 implements MigrationInterface {
  name = 'ActRequestPerRound1764000002130';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table act_request drop constraint act_request_case_id_element_id_key`);
    await q.query(`create unique index act_request_round_idx on act_request (case_id, element_id, coalesce(protocol_entry_id, '00000000-0000-0000-0000-000000000000'::uuid))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index act_request_round_idx`);
    await q.query(`alter table act_request add constraint act_request_case_id_element_id_key unique (case_id, element_id)`);
  }
}
