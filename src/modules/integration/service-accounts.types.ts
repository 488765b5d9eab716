import type { ServiceScope } from '../identity';

export interface ApiKeyView {
  id: string;
  /** The public part of the key (`sk_<lookup>`), to tell keys apart; the secret is never shown again. */
  prefix: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
}

/** A key as issued: the only time the whole key is returned. */
export interface IssuedApiKey extends ApiKeyView {
  key: string;
}

export interface ServiceAccountView {
  id: string;
  name: string;
  description: string;
  scopes: ServiceScope[];
  offices: string[];
  procedures: string[];
  createdBy: string;
  createdAt: Date;
  keys: ApiKeyView[];
}

export interface NewServiceAccount {
  name: string;
  description: string;
  scopes: ServiceScope[];
  offices: string[];
  procedures: string[];
}

export interface ServiceCallView {
  keyId: string;
  method: string;
  path: string;
  status: number;
  at: Date;
}

/** At most this many live keys per account: the old and the new one while a vertical rotates. */
export const MAX_LIVE_KEYS = 2;
