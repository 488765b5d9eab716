import { mkdtempSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localSecret } from './local-secret';

describe('localSecret', () => {
  it('given no secret yet, when two callers ask, then the first creates it (0600) and both get the same one', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'secret-')), 'keys');
    const first = localSecret(dir, 'session.key');
    const second = localSecret(dir, 'session.key');
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).toBe(first);
    expect(statSync(join(dir, 'session.key')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['session.key']);
  });

  it('given two names, then they are two secrets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secret-'));
    expect(localSecret(dir, 'a.key')).not.toBe(localSecret(dir, 'b.key'));
  });
});
