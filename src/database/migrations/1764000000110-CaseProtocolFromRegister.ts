import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case and its open tasks take the protocol number from the register when the register
 * assigns it (at commit, see ProtocolNumberAtCommit): the inbound entry of a case gives the
 * case's number (and the number the inbox searches on), an outbound one the outcome's number.
 * The request hash lets a reused Idempotency-Key with a different body be refused.
 */
export class CaseProtocolFromRegister1764000000110 implements MigrationInterface {
  name = 'CaseProtocolFromRegister1764000000110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table case_file add column request_hash text`);
    await q.query(`
      create function case_file_take_protocol_number() returns trigger language plpgsql as $$
      declare
        case_uuid uuid;
        printed text;
      begin
        if new.case_id is null
           or new.case_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
          return null;
        end if;
        case_uuid := new.case_id::uuid;
        -- Art. 57: at least seven digits (lpad would truncate a longer number).
        printed := case when new.number >= 1000000 then new.number::text else lpad(new.number::text, 7, '0') end;
        if new.direction = 'in' then
          update case_file set protocol_number = printed, protocol_year = new.year, protocol_date = new.registered_at
           where id = case_uuid and protocol_number is null;
          update task set protocol_number = printed where case_id = case_uuid and protocol_number is null;
        elsif new.direction = 'out' then
          update case_file set outcome_protocol_number = printed, outcome_protocol_year = new.year
           where id = case_uuid and outcome_protocol_number is null;
        end if;
        return null;
      end
      $$`);
    await q.query(`
      create trigger protocol_entry_numbered_to_case after update of number on protocol_entry
      for each row when (old.number is null and new.number is not null)
      execute function case_file_take_protocol_number()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger protocol_entry_numbered_to_case on protocol_entry`);
    await q.query(`drop function case_file_take_protocol_number()`);
    await q.query(`alter table case_file drop column request_hash`);
  }
}
