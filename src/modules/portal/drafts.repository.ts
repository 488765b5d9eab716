import { randomUUID } from 'node:crypto';
import { Transactions, returnedRows } from '../../database';

export interface DraftRow {
  id: string;
  citizen_fiscal_code: string;
  procedure_key: string;
  data: Record<string, unknown>;
  step: number;
  created_at: Date;
  updated_at: Date;
}

/** Wizard drafts: one per citizen and procedure. */
export class DraftsRepository {
  constructor(private readonly tx: Transactions) {}

  async find(fiscalCode: string, procedureKey: string): Promise<DraftRow | undefined> {
    const rows = (await this.tx.manager().query('select * from draft where citizen_fiscal_code = $1 and procedure_key = $2', [fiscalCode, procedureKey])) as DraftRow[];
    return rows[0];
  }

  async listFor(fiscalCode: string): Promise<DraftRow[]> {
    return (await this.tx.manager().query('select * from draft where citizen_fiscal_code = $1 order by updated_at desc limit 100', [fiscalCode])) as DraftRow[];
  }

  async save(fiscalCode: string, procedureKey: string, data: Record<string, unknown>, step: number, now: Date): Promise<void> {
    await this.tx.manager().query(
      `insert into draft (id, citizen_fiscal_code, procedure_key, data, step, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $6)
       on conflict (citizen_fiscal_code, procedure_key) do update set data = excluded.data, step = excluded.step, updated_at = excluded.updated_at`,
      [randomUUID(), fiscalCode, procedureKey, JSON.stringify(data), step, now],
    );
  }

  async remove(fiscalCode: string, procedureKey: string): Promise<void> {
    await this.tx.manager().query('delete from draft where citizen_fiscal_code = $1 and procedure_key = $2', [fiscalCode, procedureKey]);
  }

  /**
   * Deletes up to `limit` drafts untouched since `before`. Rows another process is deleting are
   * skipped (SKIP LOCKED), so several processes may purge at once without waiting on each other.
   */
  async purgeOlderThan(before: Date, limit: number): Promise<number> {
    const result = await this.tx.manager().query(
      `delete from draft where id in (select id from draft where updated_at < $1 order by updated_at limit $2 for update skip locked) returning id`,
      [before, limit],
    );
    return returnedRows(result).length;
  }
}
