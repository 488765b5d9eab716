import { returnedRows, Transactions } from '../../../database';

/** What oidc-provider stores per model (AuthorizationCode, Session, Interaction, Grant, AccessToken, ...). */
export type OidcPayload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: number };

/** oidc-provider's adapter contract (one instance per model name). */
export interface OidcAdapter {
  upsert(id: string, payload: OidcPayload, expiresIn?: number): Promise<void>;
  find(id: string): Promise<OidcPayload | undefined>;
  findByUid(uid: string): Promise<OidcPayload | undefined>;
  findByUserCode(userCode: string): Promise<OidcPayload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

interface StateRow {
  payload: OidcPayload;
  consumed: number | null;
}

const LIVE = '(expires_at is null or expires_at > now())';
const SELECT = `select payload, extract(epoch from consumed_at)::int as consumed from dev_idp_state`;

/**
 * oidc-provider's state in PostgreSQL (`dev_idp_state`): a login may start on one app process and
 * end on another. Every statement runs on its own, outside any request transaction (the provider's
 * writes are single-row and must be visible to the next request at once). Expired rows are never
 * read; `sweepExpired` deletes them.
 */
export class PgOidcAdapter implements OidcAdapter {
  constructor(
    private readonly model: string,
    private readonly tx: Transactions,
  ) {}

  async upsert(id: string, payload: OidcPayload, expiresIn?: number): Promise<void> {
    await this.query(
      `insert into dev_idp_state (model, id, payload, grant_id, uid, user_code, expires_at, consumed_at)
       values ($1, $2, $3, $4, $5, $6, case when $7::int is null then null else now() + make_interval(secs => $7::int) end, null)
       on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id, uid = excluded.uid,
         user_code = excluded.user_code, expires_at = excluded.expires_at, consumed_at = null`,
      [this.model, id, JSON.stringify(payload), payload.grantId ?? null, payload.uid ?? null, payload.userCode ?? null, typeof expiresIn === 'number' ? Math.ceil(expiresIn) : null],
    );
  }

  find(id: string): Promise<OidcPayload | undefined> {
    return this.one(`${SELECT} where model = $1 and id = $2 and ${LIVE}`, [this.model, id]);
  }

  findByUid(uid: string): Promise<OidcPayload | undefined> {
    return this.one(`${SELECT} where model = $1 and uid = $2 and ${LIVE}`, [this.model, uid]);
  }

  findByUserCode(userCode: string): Promise<OidcPayload | undefined> {
    return this.one(`${SELECT} where model = $1 and user_code = $2 and ${LIVE}`, [this.model, userCode]);
  }

  async consume(id: string): Promise<void> {
    await this.query(`update dev_idp_state set consumed_at = coalesce(consumed_at, now()) where model = $1 and id = $2`, [this.model, id]);
  }

  async destroy(id: string): Promise<void> {
    await this.query(`delete from dev_idp_state where model = $1 and id = $2`, [this.model, id]);
  }

  /** Everything issued under the grant goes, whatever its model (codes, tokens, the grant's dependants). */
  async revokeByGrantId(grantId: string): Promise<void> {
    await this.query(`delete from dev_idp_state where grant_id = $1`, [grantId]);
  }

  /** Deletes expired rows; any number of processes may run it at once. Returns how many went. */
  static async sweepExpired(tx: Transactions): Promise<number> {
    return tx.detached(async () => returnedRows(await tx.manager().query(`delete from dev_idp_state where expires_at <= now() returning id`)).length);
  }

  private async one(sql: string, params: unknown[]): Promise<OidcPayload | undefined> {
    const [row] = await this.query<StateRow>(sql, params);
    if (!row) return undefined;
    return row.consumed === null ? row.payload : { ...row.payload, consumed: row.consumed };
  }

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.tx.detached(async () => returnedRows<T>(await this.tx.manager().query(sql, params)));
  }
}
