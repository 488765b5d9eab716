import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register numbers entries at commit (ProtocolNumberAtCommit), so a withdrawal, registered
 * inside its own transaction, does not know its number yet: the case keeps the entry's id and
 * takes the number and year when the register assigns them.
 */
export class WithdrawalProtocolAtCommit1764000000610 implements MigrationInterface {
  name = 'WithdrawalProtocolAtCommit1764000000610';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table case_file add column withdrawal_protocol_entry_id uuid`);
    await q.query(`create index case_file_withdrawal_entry_idx on case_file (withdrawal_protocol_entry_id) where withdrawal_protocol_entry_id is not null`);
    await q.query(`
      create function case_file_take_withdrawal_number() returns trigger language plpgsql as $$
      begin
        update case_file
           set withdrawal_protocol_number = case when new.number >= 1000000 then new.number::text else lpad(new.number::text, 7, '0') end,
               withdrawal_protocol_year = new.year
         where withdrawal_protocol_entry_id = new.id and withdrawal_protocol_number is null;
        return null;
      end
      $$`);
    await q.query(`
      create trigger protocol_entry_numbered_to_withdrawal after update of number on protocol_entry
      for each row when (old.number is null and new.number is not null)
      execute function case_file_take_withdrawal_number()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger protocol_entry_numbered_to_withdrawal on protocol_entry`);
    await q.query(`drop function case_file_take_withdrawal_number()`);
    await q.query(`drop index case_file_withdrawal_entry_idx`);
    await q.query(`alter table case_file drop column withdrawal_protocol_entry_id`);
  }
}
