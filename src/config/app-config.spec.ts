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
});
