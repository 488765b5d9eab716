import { returnedRows, Transactions } from '../../database';

export interface TotpRow {
  secret_enc: string;
  last_step: string | null;
}

/** SQL of the staff second factor (the login attempt counter is identity's LoginAttemptLimiter). */
export class StaffLoginRepository {
  constructor(private readonly tx: Transactions) {}

  async totpOf(userId: string): Promise<TotpRow | undefined> {
    const rows = (await this.tx.manager().query(`select secret_enc, last_step from staff_totp where user_id = $1`, [userId])) as TotpRow[];
    return rows[0];
  }

  /** Marks a step used, only if it is later than the last one (two racing logins with one code: one wins). */
  async useStep(userId: string, step: number): Promise<boolean> {
    const rows = (await this.tx.manager().query(
      // Wrapped in a select: TypeORM answers a bare UPDATE with [rows, count], a select with rows.
      `with used as (update staff_totp set last_step = $2 where user_id = $1 and (last_step is null or last_step < $2) returning user_id)
       select user_id from used`,
      [userId, step],
    )) as unknown[];
    return rows.length === 1;
  }

  /** Enrols a secret unless one exists (enrolment happens once; an admin resets it by deleting the row). */
  async enrol(userId: string, secretEnc: string, step: number): Promise<boolean> {
    const rows = (await this.tx.manager().query(
      `insert into staff_totp (user_id, secret_enc, last_step) values ($1, $2, $3) on conflict (user_id) do nothing returning user_id`,
      [userId, secretEnc, step],
    )) as unknown[];
    return rows.length === 1;
  }

  async remove(userId: string): Promise<boolean> {
    return returnedRows(await this.tx.manager().query(`delete from staff_totp where user_id = $1 returning user_id`, [userId])).length > 0;
  }
}
