import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEV_KEYS_FOLDER = 'keys';
export const DEV_PRIVATE_KEY_FILE = 'dev-token-signing.key.pem';
export const DEV_PUBLIC_KEY_FILE = 'dev-token-signing.pub.pem';

export interface DevKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
  privateKeyPath: string;
}

/** Writes `content` to `path` only if absent, atomically: a concurrent first boot keeps one key. */
export function writeOnce(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  try {
    linkSync(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * The development/test ES256 key pair under `<dataDir>/keys/`, created on first use (files 0600).
 * The public key is always derived from the private one, so the pair cannot drift apart.
 */
export function ensureDevKeyPair(dataDir: string): DevKeyPair {
  const dir = join(dataDir, DEV_KEYS_FOLDER);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const privateKeyPath = join(dir, DEV_PRIVATE_KEY_FILE);
  let privateKeyPem: string;
  try {
    privateKeyPem = readFileSync(privateKeyPath, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeOnce(privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    privateKeyPem = readFileSync(privateKeyPath, 'utf8');
  }
  const publicKeyPem = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
  const publicKeyPath = join(dir, DEV_PUBLIC_KEY_FILE);
  writeOnce(publicKeyPath, publicKeyPem);
  if (readFileSync(publicKeyPath, 'utf8') !== publicKeyPem) {
    // A stale public file from an older private key: rewrite it from the one in use.
    writeFileSync(publicKeyPath, publicKeyPem, { mode: 0o600 });
  }
  chmodSync(privateKeyPath, 0o600);
  chmodSync(publicKeyPath, 0o600);
  return { privateKeyPem, publicKeyPem, privateKeyPath };
}
