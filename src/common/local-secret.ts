import { randomBytes, randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A random secret kept in `<dir>/<name>` (mode 0600), created on first use and then read by every
 * process on this machine, so processes started together agree on it without configuration.
 * Created through a hard link, so two processes starting at once still end up with one secret.
 * For development and tests only: production takes its secrets from the environment.
 */
export function localSecret(dir: string, name: string): string {
  const file = join(dir, name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const temp = join(dir, `${name}.${randomUUID()}.tmp`);
  writeFileSync(temp, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(temp);
  }
  return readFileSync(file, 'utf8');
}
