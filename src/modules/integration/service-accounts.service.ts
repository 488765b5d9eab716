import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { FieldError, Page, PageRequest } from '../../common';
import { Transactions } from '../../database';
import { API_KEY_PREFIX, ApiKeyAuthenticators, SERVICE_SCOPES, ServicePrincipal, ServiceScope } from '../identity';
import {
  ServiceAccountInvalidException,
  ServiceAccountKeyNotFoundException,
  ServiceAccountNameTakenException,
  ServiceAccountNotFoundException,
  ServiceAccountTooManyKeysException,
} from './integration.exceptions';
import { SERVICE_ACCOUNT_MESSAGES as M } from './integration.messages';
import { ServiceAccountsRepository } from './service-accounts.repository';
import { ApiKeyView, IssuedApiKey, MAX_LIVE_KEYS, NewServiceAccount, ServiceAccountView, ServiceCallView } from './service-accounts.types';

const NAME = /^[a-z0-9][a-z0-9-]{2,62}$/;
const KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const API_KEY = /^sk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Service accounts: machine clients with scoped API keys. A key is `sk_<lookup>_<secret>`; only
 * its SHA-256 is stored (keys are 256-bit random, so a slow hash adds nothing). Keys are checked
 * against the database on every call, so a revocation holds at once on every process; two live
 * keys per account let a vertical rotate without downtime.
 */
@Injectable()
export class ServiceAccountsService implements OnModuleInit {
  private readonly repo: ServiceAccountsRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly authenticators: ApiKeyAuthenticators,
  ) {
    this.repo = new ServiceAccountsRepository(tx);
  }

  onModuleInit(): void {
    this.authenticators.use((key) => this.authenticate(key));
  }

  async create(input: unknown, by: string): Promise<ServiceAccountView> {
    const account = validateAccount(input);
    const id = randomUUID();
    if (!(await this.repo.insert(id, account, by))) throw new ServiceAccountNameTakenException(account.name);
    return this.get(id);
  }

  async list(page: PageRequest): Promise<Page<ServiceAccountView>> {
    const { items, total } = await this.repo.list(page.offset, page.pageSize);
    return { items, total, page: page.page, pageSize: page.pageSize };
  }

  async get(id: string): Promise<ServiceAccountView> {
    const found = UUID.test(id) ? await this.repo.find(id) : undefined;
    if (!found) throw new ServiceAccountNotFoundException(id);
    return found;
  }

  /** A new key, returned whole this once. Refused while the account already has MAX_LIVE_KEYS live keys. */
  async issueKey(accountId: string, by: string): Promise<IssuedApiKey> {
    if (!UUID.test(accountId)) throw new ServiceAccountNotFoundException(accountId);
    const lookup = randomBytes(8).toString('hex');
    const key = `${API_KEY_PREFIX}${lookup}_${randomBytes(32).toString('base64url')}`;
    const view = await this.tx.run(async () => {
      const live = await this.repo.lockAndCountLiveKeys(accountId);
      if (live === undefined) throw new ServiceAccountNotFoundException(accountId);
      if (live >= MAX_LIVE_KEYS) throw new ServiceAccountTooManyKeysException(accountId, MAX_LIVE_KEYS);
      return this.repo.insertKey({ id: randomUUID(), accountId, lookup, keyHash: sha256(key).toString('hex'), createdBy: by });
    });
    return { ...view, key };
  }

  async revokeKey(accountId: string, keyId: string, by: string): Promise<ApiKeyView> {
    const view = UUID.test(accountId) && UUID.test(keyId) ? await this.repo.revokeKey(accountId, keyId, by) : undefined;
    if (!view) throw new ServiceAccountKeyNotFoundException(keyId);
    return view;
  }

  async calls(accountId: string, page: PageRequest): Promise<Page<ServiceCallView>> {
    await this.get(accountId);
    const { items, total } = await this.repo.calls(accountId, page.offset, page.pageSize);
    return { items, total, page: page.page, pageSize: page.pageSize };
  }

  /** The principal of a live key; null for a malformed, unknown or revoked one. */
  async authenticate(key: string): Promise<ServicePrincipal | null> {
    const match = API_KEY.exec(key);
    if (!match) return null;
    const live = await this.repo.liveKey(match[1]);
    if (!live || !timingSafeEqual(sha256(key), Buffer.from(live.keyHash, 'hex'))) return null;
    const { account } = live;
    return { kind: 'service', accountId: account.id, keyId: live.keyId, name: account.name, scopes: account.scopes, offices: account.offices, procedures: account.procedures };
  }
}

function validateAccount(input: unknown): NewServiceAccount {
  const body = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const errors: FieldError[] = [];
  const list = (field: string, check: (v: string) => boolean, message: string, required: boolean): string[] => {
    const v = body[field];
    if (v === undefined && !required) return [];
    if (!Array.isArray(v) || (required && v.length === 0)) {
      errors.push({ field, message: required ? M.required : message });
      return [];
    }
    v.forEach((item, i) => {
      if (typeof item !== 'string' || !check(item)) errors.push({ field: `${field}.${i}`, message });
    });
    return [...new Set(v as string[])];
  };
  const name = typeof body.name === 'string' ? body.name : '';
  if (!NAME.test(name)) errors.push({ field: 'name', message: M.name });
  const description = typeof body.description === 'string' ? body.description.slice(0, 500) : '';
  const scopes = list('scopes', (s) => (SERVICE_SCOPES as readonly string[]).includes(s), M.scopes + SERVICE_SCOPES.join(', '), true) as ServiceScope[];
  const offices = list('offices', (o) => KEY.test(o), M.key, true);
  const procedures = list('procedures', (p) => KEY.test(p), M.key, false);
  if (errors.length) throw new ServiceAccountInvalidException(errors);
  return { name, description, scopes, offices, procedures };
}
