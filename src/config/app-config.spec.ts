import { availableParallelism } from 'node:os';
import { ConfigValidationError, loadConfig } from './app-config';

/** A production configuration with every real adapter but ANPR's (the ANPR tests vary it). */
const PRODUCTION = { NODE_ENV: 'production', AUTH_MODE: 'jwks', AUTH_JWKS_URL: 'https://idp.example.it/jwks', PAYMENTS_ADAPTER: 'gpd', PAGOPA_API_BASE_URL: 'https://api.platform.pagopa.it', PAGOPA_GPD_KEY: 'k'.repeat(16) };
const REAL_ANPR = { ANPR_ADAPTER: 'http', ANPR_API_BASE_URL: 'https://anpr.example.it', ANPR_BEARER_TOKEN: 'v'.repeat(20) };

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

describe('loadConfig: payments', () => {
  it('given production, when PAYMENTS_ADAPTER is fake (the default), then boot is refused naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'jwks', AUTH_JWKS_URL: 'https://idp.example.it/jwks' })).toThrow(/PAYMENTS_ADAPTER: fake is not allowed/);
  });

  it('given the gpd adapter without base URL and key, when loading, then both variables are named', () => {
    expect(() => loadConfig({ PAYMENTS_ADAPTER: 'gpd' })).toThrow(/PAGOPA_API_BASE_URL: required[\s\S]*PAGOPA_GPD_KEY: required/);
  });

  it('given a malformed creditor fiscal code and segregation code, when loading, then both are named', () => {
    expect(() => loadConfig({ PAGOPA_EC_FISCAL_CODE: '123', PAGOPA_SEGREGATION_CODE: '1' })).toThrow(/PAGOPA_EC_FISCAL_CODE[\s\S]*PAGOPA_SEGREGATION_CODE/);
  });
});

describe('loadConfig: development pagoPA', () => {
  it('given production, when DEV_PAGOPA_ENABLED is set, then boot is refused naming it', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'jwks', AUTH_JWKS_URL: 'https://idp.example.it/jwks', PAYMENTS_ADAPTER: 'gpd', PAGOPA_API_BASE_URL: 'https://api.platform.pagopa.it', PAGOPA_GPD_KEY: 'k'.repeat(16), DEV_PAGOPA_ENABLED: 'true' }),
    ).toThrow(/DEV_PAGOPA_ENABLED: the development pagoPA is not allowed/);
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

  it('given production providers on private_key_jwt without CITIZEN_OIDC_RP_KEY, when loading, then boot is refused naming it; a client_secret_basic provider without secret names the field', () => {
    const prod = { ...PRODUCTION, ...REAL_ANPR };
    const list = JSON.stringify([{ id: 'spid', kind: 'spid', label: 'SPID', issuer: 'https://spid.example', clientId: 'https://comune.example' }]);
    expect(() => loadConfig({ ...prod, CITIZEN_OIDC_PROVIDERS: list })).toThrow(/CITIZEN_OIDC_RP_KEY: required/);
    const key = JSON.stringify({ kty: 'RSA', kid: 'k1', d: 'x', n: 'y', e: 'AQAB' });
    expect(loadConfig({ ...prod, CITIZEN_OIDC_PROVIDERS: list, CITIZEN_OIDC_RP_KEY: key }).CITIZEN_OIDC_PROVIDERS?.[0].tokenAuth).toBe('private_key_jwt');
    expect(() => loadConfig({ CITIZEN_OIDC_RP_KEY: JSON.stringify({ kty: 'RSA', kid: 'k1', n: 'y', e: 'AQAB' }) })).toThrow(/CITIZEN_OIDC_RP_KEY\.d/);
    const basic = JSON.stringify([{ id: 'b', kind: 'spid', label: 'Broker', issuer: 'https://b.example', clientId: 'c', tokenAuth: 'client_secret_basic' }]);
    expect(() => loadConfig({ CITIZEN_OIDC_PROVIDERS: basic })).toThrow(/CITIZEN_OIDC_PROVIDERS\.0\.clientSecret/);
  });

  describe('App IO (task io)', () => {
    const prod = { ...PRODUCTION, ...REAL_ANPR };

    it('given production, when the development IO is on or the adapter points at /dev-io or has no key, then boot is refused naming the variable', () => {
      expect(() => loadConfig({ ...prod, DEV_IO_ENABLED: 'true' })).toThrow(/DEV_IO_ENABLED: the development App IO is refused/);
      expect(() => loadConfig({ ...prod, APP_IO_API_BASE_URL: 'https://comune.example.it/dev-io/api/v1', APP_IO_API_KEY: 'k'.repeat(16) })).toThrow(/APP_IO_API_BASE_URL: the development App IO/);
      expect(() => loadConfig({ ...prod, APP_IO_API_BASE_URL: 'https://api.io.pagopa.it/api/v1' })).toThrow(/APP_IO_API_KEY: required/);
    });

    it('given production with the real IO, when loading, then IO goes there and no /dev-io is served', () => {
      const c = loadConfig({ ...prod, APP_IO_API_BASE_URL: 'https://api.io.pagopa.it/api/v1/', APP_IO_API_KEY: 'k'.repeat(16) });
      expect(c).toMatchObject({ appIoBaseUrl: 'https://api.io.pagopa.it/api/v1', DEV_IO_ENABLED: false });
    });

    it('given development, when nothing is set, then the development IO is served and the adapter calls it at PUBLIC_BASE_URL; in tests IO is off unless asked for', () => {
      expect(loadConfig({ PUBLIC_BASE_URL: 'http://localhost:4000' })).toMatchObject({ DEV_IO_ENABLED: true, appIoBaseUrl: 'http://localhost:4000/dev-io/api/v1' });
      expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({ DEV_IO_ENABLED: false, appIoBaseUrl: undefined });
    });
  });
});

describe('loadConfig: ANPR (task acts)', () => {
  const production = PRODUCTION;

  it('given production, when ANPR_ADAPTER is fake (the default) or DEV_ANPR_ENABLED is set, then boot is refused naming the variable', () => {
    expect(() => loadConfig(production)).toThrow(/ANPR_ADAPTER: fake is not allowed/);
    expect(() => loadConfig({ ...production, ANPR_ADAPTER: 'http', ANPR_API_BASE_URL: 'https://anpr.example.it', ANPR_BEARER_TOKEN: 'v'.repeat(20), DEV_ANPR_ENABLED: 'true' })).toThrow(/DEV_ANPR_ENABLED: the development ANPR is not allowed/);
  });

  it('given the http adapter without base URL and voucher, when loading, then both are named; a short voucher or a bad URL is named too', () => {
    expect(() => loadConfig({ ANPR_ADAPTER: 'http' })).toThrow(/ANPR_API_BASE_URL: required[\s\S]*ANPR_BEARER_TOKEN: required/);
    expect(() => loadConfig({ ANPR_API_BASE_URL: 'ftp://x', ANPR_BEARER_TOKEN: 'short' })).toThrow(/ANPR_API_BASE_URL: not an http\(s\) URL[\s\S]*ANPR_BEARER_TOKEN: must be at least 16/);
    expect(loadConfig({ ANPR_ADAPTER: 'http', ANPR_API_BASE_URL: 'https://anpr.example.it/', ANPR_BEARER_TOKEN: 'v'.repeat(20) }).ANPR_API_BASE_URL).toBe('https://anpr.example.it');
  });
});
