import { createPrivateKey, createPublicKey, generateKeyPairSync, JsonWebKey, randomUUID, webcrypto } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../../config';
import { DEV_KEYS_FOLDER, writeOnce } from './dev-keys';

export const RP_KEY_FILE = 'oidc-rp.jwk.json';
/** Where the relying party's public keys are published (OpenID Connect's jwks_uri of this client). */
export const RP_JWKS_PATH = '/.well-known/jwks.json';

export type Jwk = JsonWebKey & { kid: string; alg?: string; use?: string };

/** The relying party's signing key (citizen SPID/CIE and staff OIDC logins): the private half for openid-client, the public one to publish. */
export interface RelyingPartyKey {
  privateJwk: Jwk;
  publicJwk: Jwk;
  alg: 'RS256' | 'ES256';
}

/**
 * CITIZEN_OIDC_RP_KEY when set (production requires it); otherwise a generated RSA key kept in
 * `<DATA_DIR>/keys/oidc-rp.jwk.json` (0600, written once: concurrent first boots keep one key).
 */
export function relyingPartyKey(config: AppConfig): RelyingPartyKey {
  const privateJwk = (config.CITIZEN_OIDC_RP_KEY as Jwk | undefined) ?? devKey(config.DATA_DIR);
  const publicOnly = createPublicKey(createPrivateKey({ key: privateJwk, format: 'jwk' })).export({ format: 'jwk' });
  const alg = privateJwk.kty === 'EC' ? 'ES256' : 'RS256';
  return { privateJwk, alg, publicJwk: { ...publicOnly, kid: privateJwk.kid, alg, use: 'sig' } };
}

/** The private key as a WebCrypto key, as openid-client signs with it. */
export async function signingCryptoKey(key: RelyingPartyKey): Promise<webcrypto.CryptoKey> {
  const algorithm = key.alg === 'ES256' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const { kid: _kid, alg: _alg, use: _use, key_ops: _ops, ...material } = key.privateJwk;
  return webcrypto.subtle.importKey('jwk', material, algorithm, false, ['sign']);
}

function devKey(dataDir: string): Jwk {
  const dir = join(dataDir, DEV_KEYS_FOLDER);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, RP_KEY_FILE);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Jwk;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeOnce(path, JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: randomUUID() }));
  return JSON.parse(readFileSync(path, 'utf8')) as Jwk;
}
