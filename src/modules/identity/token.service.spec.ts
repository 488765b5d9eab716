import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, ConfigValidationError, loadConfig } from '../../config';
import { DEV_KEYS_FOLDER, DEV_PRIVATE_KEY_FILE, DEV_PUBLIC_KEY_FILE } from './dev-keys';
import { DEMO_CITIZENS, DEMO_OPERATORS } from './demo-principals';
import { IdentityDevTokensDisabledException, IdentityUnauthenticatedException } from './identity.exceptions';
import { JoseLib, loadJose } from './jose';
import { createTokenKeys } from './token-keys';
import { TokenService } from './token.service';
import { TokenVerifier } from './token-verifier';

/** Production also refuses the development pagoPA: these tests configure the real one. */
const REAL_PAGOPA = { PAYMENTS_ADAPTER: 'gpd', PAGOPA_API_BASE_URL: 'https://api.platform.pagopa.it', PAGOPA_GPD_KEY: 'subscription-key-0123' };
// Production also refuses the development ANPR.
const REAL_ANPR = { ANPR_ADAPTER: 'http', ANPR_API_BASE_URL: 'https://modipa.anpr.interno.it/govway/rest/in/MinInternoPortaANPR', ANPR_BEARER_TOKEN: 'pdnd-voucher-0123456789' };

const dirs: string[] = [];
const dataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-identity-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const devConfig = (dir: string, overrides: Record<string, string> = {}): AppConfig =>
  loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, ...overrides });

async function devSetup(overrides: Record<string, string> = {}) {
  const config = devConfig(dataDir(), overrides);
  const keys = await createTokenKeys(config);
  return { config, keys, tokens: new TokenService(config, keys), verifier: new TokenVerifier(config, keys) };
}

const reasonOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof IdentityUnauthenticatedException) return e.reason;
    throw e;
  }
  return 'accepted';
};

describe('dev keys', () => {
  it('given an empty data folder, when keys are first needed, then a 0600 PEM pair is created and reused next time', async () => {
    // given
    const dir = dataDir();
    const config = devConfig(dir);
    // when
    const first = await createTokenKeys(config);
    const again = await createTokenKeys(config);
    // then
    for (const file of [DEV_PRIVATE_KEY_FILE, DEV_PUBLIC_KEY_FILE]) {
      const path = join(dir, DEV_KEYS_FOLDER, file);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(readFileSync(path, 'utf8')).toMatch(/^-----BEGIN (PRIVATE|PUBLIC) KEY-----/);
    }
    expect(again.signing?.kid).toBe(first.signing?.kid);
  });
});

describe('TokenService and TokenVerifier', () => {
  it('given an operator, when a token is issued and verified, then the same principal comes back', async () => {
    // given
    const { tokens, verifier } = await devSetup();
    const operator = DEMO_OPERATORS[0];
    // when
    const token = await tokens.issue(operator);
    const principal = await verifier.verify(token);
    // then
    expect(principal).toEqual(operator);
  });

  it('given a citizen token, when verified, then its claims carry issuer, audience and the fiscal code as subject', async () => {
    // given
    const { tokens, verifier } = await devSetup({ AUTH_ISSUER: 'comune-test', AUTH_AUDIENCE: 'api-test' });
    const jose = await loadJose();
    // when
    const token = await tokens.issue(DEMO_CITIZENS[0], 120);
    // then
    const claims = jose.decodeJwt(token);
    expect(claims).toMatchObject({ iss: 'comune-test', aud: 'api-test', sub: 'RSSMRA80A01H501U', kind: 'citizen' });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(120);
    expect(await verifier.verify(token)).toEqual(DEMO_CITIZENS[0]);
  });

  it('given a token whose exp has passed, when verified, then it is refused as expired', async () => {
    // given
    const { keys, verifier, config } = await devSetup();
    const jose = await loadJose();
    const past = Math.floor(Date.now() / 1000) - 3600;
    const token = await new jose.SignJWT({ kind: 'admin', name: 'Admin' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('admin')
      .setIssuer(config.AUTH_ISSUER)
      .setAudience(config.AUTH_AUDIENCE)
      .setIssuedAt(past - 60)
      .setExpirationTime(past)
      .sign(keys.signing!.key);
    // when
    const reason = await reasonOf(verifier.verify(token));
    // then
    expect(reason).toBe('expired');
  });

  it('given a verified token, when it is presented again after it expired, then it is refused as expired', async () => {
    // given: a token valid for 1 s, accepted once (and remembered)
    const { keys, verifier, config } = await devSetup();
    const jose = await loadJose();
    const start = Date.now();
    const token = await new jose.SignJWT({ kind: 'admin', name: 'Admin' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('admin')
      .setIssuer(config.AUTH_ISSUER)
      .setAudience(config.AUTH_AUDIENCE)
      .setIssuedAt(Math.floor(start / 1000))
      .setExpirationTime(Math.floor(start / 1000) + 1)
      .sign(keys.signing!.key);
    const first = await reasonOf(verifier.verify(token));
    // when: the clock is past exp and the 5 s tolerance
    const now = jest.spyOn(Date, 'now').mockReturnValue(start + 10_000);
    const again = await reasonOf(verifier.verify(token)).finally(() => now.mockRestore());
    // then
    expect(first).toBe('accepted');
    expect(again).toBe('expired');
  });

  it('given a verified token, when a copy with an edited payload is presented, then the signature is still checked', async () => {
    // given
    const { tokens, verifier } = await devSetup();
    const token = await tokens.issue(DEMO_OPERATORS[1]);
    await verifier.verify(token);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', kind: 'admin', exp: 9_999_999_999 })).toString('base64url');
    // when
    const reason = await reasonOf(verifier.verify(`${header}.${forged}.${signature}`));
    // then
    expect(reason).toBe('signature');
  });

  it('given a token signed by another installation key, when verified, then the signature is refused', async () => {
    // given
    const other = await devSetup();
    const { verifier } = await devSetup();
    const token = await other.tokens.issue(DEMO_OPERATORS[1]);
    // when
    const reason = await reasonOf(verifier.verify(token));
    // then
    expect(reason).toBe('signature');
  });

  it('given a token for another audience, when verified, then it is refused', async () => {
    // given
    const dir = dataDir();
    const issuerSide = devConfig(dir, { AUTH_AUDIENCE: 'other-api' });
    const keys = await createTokenKeys(issuerSide);
    const token = await new TokenService(issuerSide, keys).issue(DEMO_OPERATORS[1]);
    const verifier = new TokenVerifier(devConfig(dir), await createTokenKeys(devConfig(dir)));
    // when
    const reason = await reasonOf(verifier.verify(token));
    // then
    expect(reason).toBe('issuer-audience');
  });

  it('given a token whose payload was edited, when verified, then the signature is refused', async () => {
    // given
    const { tokens, verifier } = await devSetup();
    const [header, payload, signature] = (await tokens.issue(DEMO_OPERATORS[1])).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, kind: 'admin' })).toString('base64url');
    // when
    const reason = await reasonOf(verifier.verify(`${header}.${forged}.${signature}`));
    // then
    expect(reason).toBe('signature');
  });

  it('given an unsigned (alg none) token, when verified, then it is refused', async () => {
    // given
    const { verifier, config } = await devSetup();
    const jose = await loadJose();
    const now = Math.floor(Date.now() / 1000);
    const token = new jose.UnsecuredJWT({ kind: 'admin', name: 'A' })
      .setSubject('admin')
      .setIssuer(config.AUTH_ISSUER)
      .setAudience(config.AUTH_AUDIENCE)
      .setExpirationTime(now + 60)
      .encode();
    // when
    const reason = await reasonOf(verifier.verify(token));
    // then
    expect(reason).not.toBe('accepted');
  });

  it('given garbage instead of a JWT, when verified, then it is refused as malformed', async () => {
    // given
    const { verifier } = await devSetup();
    // when
    const reason = await reasonOf(verifier.verify('not-a-jwt'));
    // then
    expect(reason).toBe('malformed');
  });

  it('given a non-positive ttl, when issuing, then the field is named', async () => {
    // given
    const { tokens } = await devSetup();
    // when / then
    await expect(tokens.issue(DEMO_OPERATORS[0], 0)).rejects.toMatchObject({
      code: 'IDENTITY_INVALID_PRINCIPAL',
      details: { fieldErrors: [expect.objectContaining({ field: 'ttlSeconds' })] },
    });
  });
});

describe('jwks mode', () => {
  let server: Server;
  let jwksUrl: string;
  let signingKey: Awaited<ReturnType<JoseLib['generateKeyPair']>>['privateKey'];
  let jwksRequests = 0;

  beforeAll(async () => {
    const jose = await loadJose();
    const { privateKey, publicKey } = await jose.generateKeyPair('ES256', { extractable: true });
    signingKey = privateKey;
    const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'idp-1', alg: 'ES256', use: 'sig' };
    server = createServer((_req, res) => {
      jwksRequests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  const idpToken = async (claims: Record<string, unknown>, audience = 'sportello-api') => {
    const jose = await loadJose();
    return new jose.SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'idp-1' })
      .setIssuer('https://idp.comune.example.it')
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(signingKey);
  };

  it('given an IdP token for a citizen, when verified against the JWKS URL, then the citizen is read', async () => {
    // given
    const config = loadConfig({ NODE_ENV: 'production', ...REAL_PAGOPA, ...REAL_ANPR, AUTH_MODE: 'jwks', AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: 'https://idp.comune.example.it' });
    const keys = await createTokenKeys(config);
    const token = await idpToken({ sub: 'abc', kind: 'citizen', given_name: 'Giulia', family_name: 'Ferrari', fiscal_number: 'TINIT-FRRGLI75C52L219B' });
    // when
    const principal = await new TokenVerifier(config, keys).verify(token);
    // then
    expect(principal).toEqual({ kind: 'citizen', fiscalCode: 'FRRGLI75C52L219B', givenName: 'Giulia', familyName: 'Ferrari' });
    expect(jwksRequests).toBeGreaterThan(0);
    const wrongAudience = await idpToken({ sub: 'abc', kind: 'admin', name: 'A' }, 'someone-else');
    expect(await reasonOf(new TokenVerifier(config, keys).verify(wrongAudience))).toBe('issuer-audience');
  });

  it('given jwks mode, when a dev token is requested, then issuing is refused', async () => {
    // given
    const config = loadConfig({ NODE_ENV: 'development', AUTH_MODE: 'jwks', AUTH_JWKS_URL: jwksUrl });
    const tokens = new TokenService(config, await createTokenKeys(config));
    // when / then
    await expect(tokens.issue(DEMO_OPERATORS[0])).rejects.toBeInstanceOf(IdentityDevTokensDisabledException);
  });
});

describe('auth configuration', () => {
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (e) {
      return (e as ConfigValidationError).problems;
    }
  };

  it('given no auth variables, when loading, then dev-keys with the default issuer, audience and ttl apply', () => {
    // when
    const config = loadConfig({});
    // then
    expect(config).toMatchObject({ AUTH_MODE: 'dev-keys', AUTH_ISSUER: 'sportello', AUTH_AUDIENCE: 'sportello-api', AUTH_TOKEN_TTL_S: 3600 });
  });

  it('given production with dev-keys, when loading, then boot fails naming AUTH_MODE', () => {
    expect(problemsOf({ NODE_ENV: 'production', ...REAL_PAGOPA, ...REAL_ANPR })).toEqual([expect.stringMatching(/^AUTH_MODE: dev-keys is not allowed/)]);
  });

  it('given jwks mode without a URL, when loading, then boot fails naming AUTH_JWKS_URL', () => {
    expect(problemsOf({ AUTH_MODE: 'jwks' })).toEqual(['AUTH_JWKS_URL: required when AUTH_MODE=jwks']);
  });

  it('given a non-URL JWKS address and a ttl of zero, when loading, then both variables are named', () => {
    expect(problemsOf({ AUTH_MODE: 'jwks', AUTH_JWKS_URL: 'ftp://x', AUTH_TOKEN_TTL_S: '0' })).toEqual([
      'AUTH_JWKS_URL: not an http(s) URL',
      expect.stringMatching(/^AUTH_TOKEN_TTL_S: /),
    ]);
  });
});
