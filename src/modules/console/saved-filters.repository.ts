import { randomUUID } from 'node:crypto';
import { returnedRows, Transactions } from '../../database';

export interface SavedFilter {
  id: string;
  name: string;
  query: string;
}

/** console_saved_filter: an operator's named inbox filters; every query joins the caller's transaction. */
export class SavedFiltersRepository {
  constructor(private readonly tx: Transactions) {}

  async list(operatorId: string): Promise<SavedFilter[]> {
    return (await this.tx.manager().query(`select id, name, query from console_saved_filter where operator_id = $1 order by name`, [operatorId])) as SavedFilter[];
  }

  async count(operatorId: string): Promise<number> {
    const [row] = (await this.tx.manager().query(`select count(*)::int as n from console_saved_filter where operator_id = $1`, [operatorId])) as Array<{ n: number }>;
    return Number(row?.n ?? 0);
  }

  /** Saves under the name, replacing the operator's filter of the same name. */
  async save(operatorId: string, name: string, query: string): Promise<void> {
    await this.tx.manager().query(
      `insert into console_saved_filter (id, operator_id, name, query) values ($1, $2, $3, $4)
       on conflict (operator_id, name) do update set query = excluded.query, created_at = now()`,
      [randomUUID(), operatorId, name, query],
    );
  }

  async exists(operatorId: string, name: string): Promise<boolean> {
    const rows = (await this.tx.manager().query(`select 1 from console_saved_filter where operator_id = $1 and name = $2`, [operatorId, name])) as unknown[];
    return rows.length > 0;
  }

  /** Deletes one of the operator's own filters; false when there is none with that id. */
  async delete(operatorId: string, id: string): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(await this.tx.manager().query(`delete from console_saved_filter where operator_id = $1 and id = $2 returning id`, [operatorId, id]));
    return rows.length > 0;
  }
}
