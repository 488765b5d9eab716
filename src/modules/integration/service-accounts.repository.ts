import { Transactions } from '../../database';
import type { ServiceScope } from '../identity';
import { ApiKeyView, NewServiceAccount, ServiceAccountView, ServiceCallView } from './service-accounts.types';

interface AccountRow {
  id: string;
  name: string;
  description: string;
  scopes: ServiceScope[];
  offices: string[];
  procedures: string[];
  created_by: string;
  created_at: Date;
}

interface KeyRow {
  id: string;
  account_id: string;
  lookup: string;
  key_hash: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export interface LiveKey {
  keyId: string;
  keyHash: string;
  account: Omit<ServiceAccountView, 'keys' | 'createdBy' | 'createdAt' | 'description'>;
}

const keyView = (k: KeyRow): ApiKeyView => ({
  id: k.id,
  prefix: `sk_${k.lookup}`,
  createdBy: k.created_by,
  createdAt: k.created_at,
  revokedAt: k.revoked_at,
  revokedBy: k.revoked_by,
});

/** SQL for service accounts, their keys and their calls. */
export class ServiceAccountsRepository {
  constructor(private readonly tx: Transactions) {}

  async insert(id: string, a: NewServiceAccount, createdBy: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager().query(
      `insert into service_account (id, name, description, scopes, offices, procedures, created_by)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (name) do nothing returning id`,
      [id, a.name, a.description, a.scopes, a.offices, a.procedures, createdBy],
    );
    return rows.length === 1;
  }

  async list(offset: number, limit: number): Promise<{ items: ServiceAccountView[]; total: number }> {
    const em = this.tx.manager();
    const rows: AccountRow[] = await em.query(`select * from service_account order by name limit $1 offset $2`, [limit, offset]);
    const [{ total }] = (await em.query(`select count(*)::int as total from service_account`)) as Array<{ total: number }>;
    return { items: await Promise.all(rows.map((r) => this.withKeys(r))), total };
  }

  async find(id: string): Promise<ServiceAccountView | undefined> {
    const rows: AccountRow[] = await this.tx.manager().query(`select * from service_account where id = $1`, [id]);
    return rows[0] ? this.withKeys(rows[0]) : undefined;
  }

  /** Locks the account row so that two concurrent key creations cannot both pass the live-key count. */
  async lockAndCountLiveKeys(accountId: string): Promise<number | undefined> {
    const em = this.tx.manager();
    const locked: unknown[] = await em.query(`select id from service_account where id = $1 for update`, [accountId]);
    if (!locked.length) return undefined;
    const [{ n }] = (await em.query(`select count(*)::int as n from service_account_key where account_id = $1 and revoked_at is null`, [accountId])) as Array<{ n: number }>;
    return n;
  }

  async insertKey(k: { id: string; accountId: string; lookup: string; keyHash: string; createdBy: string }): Promise<ApiKeyView> {
    const [row]: KeyRow[] = await this.tx.manager().query(
      `insert into service_account_key (id, account_id, lookup, key_hash, created_by) values ($1, $2, $3, $4, $5) returning *`,
      [k.id, k.accountId, k.lookup, k.keyHash, k.createdBy],
    );
    return keyView(row);
  }

  async revokeKey(accountId: string, keyId: string, by: string): Promise<ApiKeyView | undefined> {
    const em = this.tx.manager();
    await em.query(`update service_account_key set revoked_at = now(), revoked_by = $3 where id = $1 and account_id = $2 and revoked_at is null`, [keyId, accountId, by]);
    const rows: KeyRow[] = await em.query(`select * from service_account_key where id = $1 and account_id = $2`, [keyId, accountId]);
    return rows[0] ? keyView(rows[0]) : undefined;
  }

  /** The live key with this lookup and its account; undefined when unknown or revoked. */
  async liveKey(lookup: string): Promise<LiveKey | undefined> {
    const rows: Array<KeyRow & { name: string; scopes: ServiceScope[]; offices: string[]; procedures: string[] }> = await this.tx.dataSource.query(
      `select k.id, k.key_hash, k.account_id, a.name, a.scopes, a.offices, a.procedures
         from service_account_key k join service_account a on a.id = k.account_id
        where k.lookup = $1 and k.revoked_at is null`,
      [lookup],
    );
    const r = rows[0];
    if (!r) return undefined;
    return { keyId: r.id, keyHash: r.key_hash, account: { id: r.account_id, name: r.name, scopes: r.scopes, offices: r.offices, procedures: r.procedures } };
  }

  /** Outside any transaction: the record of a call stays even when the call's own work rolled back. */
  async recordCall(c: { accountId: string; keyId: string; method: string; path: string; status: number }): Promise<void> {
    await this.tx.dataSource.query(
      `insert into service_account_call (account_id, key_id, method, path, status) values ($1, $2, $3, $4, $5)`,
      [c.accountId, c.keyId, c.method, c.path.slice(0, 500), c.status],
    );
  }

  async calls(accountId: string, offset: number, limit: number): Promise<{ items: ServiceCallView[]; total: number }> {
    const em = this.tx.manager();
    const rows: Array<{ key_id: string; method: string; path: string; status: number; at: Date }> = await em.query(
      `select key_id, method, path, status, at from service_account_call where account_id = $1 order by id desc limit $2 offset $3`,
      [accountId, limit, offset],
    );
    const [{ total }] = (await em.query(`select count(*)::int as total from service_account_call where account_id = $1`, [accountId])) as Array<{ total: number }>;
    return { items: rows.map((r) => ({ keyId: r.key_id, method: r.method, path: r.path, status: r.status, at: r.at })), total };
  }

  private async withKeys(r: AccountRow): Promise<ServiceAccountView> {
    const keys: KeyRow[] = await this.tx.manager().query(`select * from service_account_key where account_id = $1 order by created_at, id`, [r.id]);
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      scopes: r.scopes,
      offices: r.offices,
      procedures: r.procedures,
      createdBy: r.created_by,
      createdAt: r.created_at,
      keys: keys.map(keyView),
    };
  }
}
