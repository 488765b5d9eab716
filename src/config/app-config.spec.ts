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

describe('loadConfig, citizen identity', () => {
  it('given development, when loading, then the development identity provider is on; in test it is off unless asked', () => {
    expect(loadConfig({}).AUTH_DEV_IDP).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).AUTH_DEV_IDP).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', AUTH_DEV_IDP: 'true' }).AUTH_DEV_IDP).toBe(true);
  });

  it('given production with AUTH_DEV_IDP=true, when loading, then boot is refused naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'jwks', AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_DEV_IDP: 'true' })).toThrow(/AUTH_DEV_IDP/);
  });

  it('given a provider list with a bad issuer, when loading, then the field is named', () => {
    const list = JSON.stringify([{ id: 'spid', kind: 'spid', label: 'SPID', issuer: 'ftp://x', clientId: 'c', clientSecret: 'x'.repeat(16) }]);
    expect(() => loadConfig({ CITIZEN_OIDC_PROVIDERS: list })).toThrow(/CITIZEN_OIDC_PROVIDERS\.0\.issuer/);
    expect(() => loadConfig({ CITIZEN_OIDC_PROVIDERS: '{' })).toThrow(/CITIZEN_OIDC_PROVIDERS: not valid JSON/);
  });
});
