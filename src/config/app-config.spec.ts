import { availableParallelism } from 'node:os';
import { ConfigValidationError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('given no variables, when loading, then defaults point at embedded PGlite under ./data', () => {
    // when
    const cfg = loadConfig({});
    // then
    expect(cfg.DATABASE_URL).toBeUndefined();
    expect(cfg.pgliteDir).toBe('./data/pglite');
    expect(cfg.PORT).toBe(3000);
  });

  it('given a non-postgres DATABASE_URL and a bad PORT, when loading, then both variables are named', () => {
    // when
    const attempt = () => loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'abc' });
    // then
    expect(attempt).toThrow(ConfigValidationError);
    try {
      attempt();
    } catch (e) {
      const problems = (e as ConfigValidationError).problems;
      expect(problems).toEqual(
        expect.arrayContaining([
          'DATABASE_URL: not a postgres:// URL',
          expect.stringMatching(/^PORT: /),
        ]),
      );
    }
  });

  it('given an empty value, when loading, then the default applies', () => {
    expect(loadConfig({ LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
  });

  it('given no WEB_CONCURRENCY, when loading, then PGlite runs one process and PostgreSQL one per core', () => {
    expect(loadConfig({}).webConcurrency).toBe(1);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/app' }).webConcurrency).toBe(availableParallelism());
    expect(loadConfig({ DATABASE_URL: 'postgres://db/app', WEB_CONCURRENCY: '3' }).webConcurrency).toBe(3);
  });

  it('given WEB_CONCURRENCY above 1 without DATABASE_URL, when loading, then PGlite refuses it naming the variable', () => {
    expect(() => loadConfig({ WEB_CONCURRENCY: '2' })).toThrow(/WEB_CONCURRENCY: PGlite serves one process/);
    expect(loadConfig({ WEB_CONCURRENCY: '1' }).webConcurrency).toBe(1);
    expect(() => loadConfig({ WEB_CONCURRENCY: '0', DATABASE_URL: 'postgres://db/app' })).toThrow(/WEB_CONCURRENCY: must be between 1 and 64/);
  });
});
