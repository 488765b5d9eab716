import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The protocol number is taken at commit, not when the entry is written (issue 7). Entries are
 * inserted unnumbered; a DEFERRABLE INITIALLY DEFERRED constraint trigger numbers each of the
 * transaction's entries from the gapless counter when the transaction commits, so the counter row
 * is locked only for the commit itself. A transaction that rolls back (or fails before its deferred
 * triggers run) never touches the counter: no number is consumed, no gap can appear.
 *
 * The register stays append-only: the one update allowed is that numbering step, made by the
 * trigger (pg_trigger_depth() > 1), setting `number` on an unnumbered row and nothing else.
 * An entry can no longer be inserted with a number of its own choosing.
 */
export class ProtocolNumberAtCommit1764000000100 implements MigrationInterface {
  name = 'ProtocolNumberAtCommit1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table protocol_entry alter column number drop not null`);
    await q.query(`
      create function protocol_entry_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          if new.number is not null then
            raise exception 'protocol numbers are assigned by the register at commit, not by the writer'
              using errcode = 'restrict_violation';
          end if;
          return new;
        end if;
        if tg_op = 'UPDATE' and old.number is null and new.number is not null and pg_trigger_depth() > 1
           and (to_jsonb(new) - 'number') = (to_jsonb(old) - 'number') then
          return new;
        end if;
        raise exception 'the protocol register is append-only: % on % is not allowed', tg_op, tg_table_name
          using errcode = 'restrict_violation';
      end
      $$`);
    await q.query(`drop trigger protocol_entry_append_only on protocol_entry`);
    await q.query(`
      create trigger protocol_entry_append_only before insert or update or delete on protocol_entry
      for each row execute function protocol_entry_guard()`);
    await q.query(`
      create function protocol_entry_number() returns trigger language plpgsql as $$
      declare
        assigned int;
      begin
        update protocol_counter set last_number = last_number + 1
         where aoo = new.aoo and register = new.register and year = new.year
        returning last_number into assigned;
        if assigned is null then
          insert into protocol_counter (aoo, register, year) values (new.aoo, new.register, new.year) on conflict do nothing;
          update protocol_counter set last_number = last_number + 1
           where aoo = new.aoo and register = new.register and year = new.year
          returning last_number into assigned;
        end if;
        update protocol_entry set number = assigned where id = new.id and number is null;
        if not found then
          raise exception 'protocol entry % was numbered twice', new.id using errcode = 'internal_error';
        end if;
        return null;
      end
      $$`);
    await q.query(`
      create constraint trigger protocol_entry_number_at_commit after insert on protocol_entry
      deferrable initially deferred
      for each row execute function protocol_entry_number()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger protocol_entry_number_at_commit on protocol_entry`);
    await q.query(`drop function protocol_entry_number()`);
    await q.query(`drop trigger protocol_entry_append_only on protocol_entry`);
    await q.query(`drop function protocol_entry_guard()`);
    await q.query(`
      create trigger protocol_entry_append_only before update or delete on protocol_entry
      for each row execute function protocol_reject_change()`);
    await q.query(`alter table protocol_entry alter column number set not null`);
  }
}
