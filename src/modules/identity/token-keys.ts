import type { AppConfig } from '../../config';
import { ensureDevKeyPair } from './dev-keys';
import { JoseLib, loadJose } from './jose';

type VerificationKey = Parameters<JoseLib['jwtVerify']>[1];
type SigningKey = Parameters<InstanceType<JoseLib['SignJWT']>['sign']>[0];

export const TOKEN_KEYS = Symbol('TOKEN_KEYS');
export const DEV_TOKEN_ALGORITHM = 'ES256';
/** Asymmetric algorithms only: a JWKS never makes an HMAC secret or `none` acceptable. */
const JWKS_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA'];

/** What verifies tokens, and (dev-keys mode only) what signs them. */
export interface TokenKeys {
  mode: AppConfig['AUTH_MODE'];
  verificationKey: VerificationKey;
  algorithms: string[];
  signing?: { key: SigningKey; kid: string; alg: string };
}

export async function createTokenKeys(config: AppConfig): Promise<TokenKeys> {
  const jose = await loadJose();
  if (config.AUTH_MODE === 'jwks') {
    if (!config.AUTH_JWKS_URL) throw new Error('AUTH_JWKS_URL: required when AUTH_MODE=jwks');
    // Fetched lazily, cached, re-fetched on an unknown `kid` (key rotation at the IdP).
    return { mode: 'jwks', verificationKey: jose.createRemoteJWKSet(new URL(config.AUTH_JWKS_URL)), algorithms: JWKS_ALGORITHMS };
  }
  const pair = ensureDevKeyPair(config.DATA_DIR);
  const publicKey = await jose.importSPKI(pair.publicKeyPem, DEV_TOKEN_ALGORITHM, { extractable: true });
  const privateKey = await jose.importPKCS8(pair.privateKeyPem, DEV_TOKEN_ALGORITHM);
  const kid = await jose.calculateJwkThumbprint(await jose.exportJWK(publicKey));
  return {
    mode: 'dev-keys',
    verificationKey: publicKey,
    algorithms: [DEV_TOKEN_ALGORITHM],
    signing: { key: privateKey, kid, alg: DEV_TOKEN_ALGORITHM },
  };
}
