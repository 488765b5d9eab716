import session, { SessionData } from 'express-session';
import { returnedRows, Transactions } from '../../database';

type Callback<T = void> = (err?: unknown, value?: T) => void;

/**
 * express-session's store on the application's own database (table `web_session`): every app
 * process sees every session, and on PGlite the one connection is shared with the rest of the
 * app. Queries run outside any request transaction. Expired rows are never read and are deleted
 * by `purgeExpired`.
 */
export class PgSessionStore extends session.Store {
  constructor(
    private readonly tx: Transactions,
    private readonly ttlMs: number,
  ) {
    super();
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    this.query<{ data: SessionData }>('select data from web_session where sid = $1 and expires_at > now()', [sid]).then(
      (rows) => callback(undefined, rows[0]?.data ?? null),
      (e) => callback(e),
    );
  }

  override set(sid: string, data: SessionData, callback?: Callback): void {
    this.query(
      `insert into web_session (sid, data, expires_at) values ($1, $2, $3)
       on conflict (sid) do update set data = excluded.data, expires_at = excluded.expires_at`,
      [sid, JSON.stringify(data), this.expiry(data)],
    ).then(
      () => callback?.(),
      (e) => callback?.(e),
    );
  }

  override touch(sid: string, data: SessionData, callback?: Callback): void {
    this.query('update web_session set expires_at = $2 where sid = $1', [sid, this.expiry(data)]).then(
      () => callback?.(),
      (e) => callback?.(e),
    );
  }

  override destroy(sid: string, callback?: Callback): void {
    this.query('delete from web_session where sid = $1', [sid]).then(
      () => callback?.(),
      (e) => callback?.(e),
    );
  }

  /**
   * Ends every page session of a staff user (deactivated, or given a new password), in the
   * caller's transaction: the change and the logout commit together. Returns how many ended.
   */
  async endSessionsOf(userId: string): Promise<number> {
    const rows = returnedRows(await this.tx.manager().query(`delete from web_session where data -> 'principal' ->> 'userId' = $1 returning sid`, [userId]));
    return rows.length;
  }

  /** Deletes expired sessions; safe to run from several processes at once. Returns how many went. */
  async purgeExpired(now = new Date()): Promise<number> {
    const rows = await this.query<{ sid: string }>('delete from web_session where expires_at <= $1 returning sid', [now]);
    return Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
  }

  private expiry(data: SessionData): Date {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + this.ttlMs);
  }

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.tx.detached(() => this.tx.manager().query(sql, params) as Promise<T[]>);
  }
}
