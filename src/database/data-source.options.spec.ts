import { loadConfig } from '../config';
import { dataSourceOptions } from './data-source.options';

describe('dataSourceOptions', () => {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_POOL_SIZE: '8' });
  const extra = (embedded: boolean) => (dataSourceOptions(config, { host: 'h', embedded }) as { extra: Record<string, unknown> }).extra;

  it('given PGlite, when the pool is built, then its one client is never closed when idle (regression: a new client met the old named statements, 42P05)', () => {
    expect(extra(true)).toMatchObject({ max: 1, idleTimeoutMillis: 0 });
  });

  it('given PostgreSQL, when the pool is built, then it keeps the configured size and pg-pool\'s idle timeout', () => {
    expect(extra(false).max).toBe(8);
    expect(extra(false)).not.toHaveProperty('idleTimeoutMillis');
  });
});
