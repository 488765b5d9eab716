import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What every process of the development identity provider must share: signing key and cookie keys. */
export interface DevIdpSecrets {
  signingKey: Record<string, unknown>;
  cookieKeys: string[];
}

/**
 * Kept in `<DATA_DIR>/dev-idp/secrets.json`. A process writes a private temporary file and links it
 * into place (atomic, fails if present); one that loses the race reads the winner's file, so all agree.
 */
export function loadDevIdpSecrets(dataDir: string): DevIdpSecrets {
  const dir = join(dataDir, 'dev-idp');
  const file = join(dir, 'secrets.json');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DevIdpSecrets;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const secrets: DevIdpSecrets = {
    signingKey: { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' },
    cookieKeys: [randomBytes(32).toString('base64url')],
  };
  const temp = join(dir, `secrets.${randomUUID()}.tmp`);
  writeFileSync(temp, JSON.stringify(secrets), { flag: 'wx', mode: 0o600 });
  try {
    linkSync(temp, file);
    return secrets;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return JSON.parse(readFileSync(file, 'utf8')) as DevIdpSecrets;
  } finally {
    unlinkSync(temp);
  }
}
