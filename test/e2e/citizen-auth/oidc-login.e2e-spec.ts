import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createSign, generateKeyPairSync, KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { hotp, totpStep } from '../../../src/modules/staff-login';
import { databaseEnv, dropTestSchema, testConfig } from '../../setup/test-database';
import { csrfOf, HttpBrowser as Browser, location, requestParams } from '../../support/http-browser';

/**
 * Citizen login over OpenID Connect against the built app (dist/main.js) over real HTTP: the
 * bundled development provider (oidc-provider) for the full flow, and a hostile provider written
 * here (a plain HTTP server) that answers the token endpoint with tampered, unsigned, expired or
 * misaddressed ID tokens, which the relying party (openid-client) must refuse.
 */
const ROOT = resolve(__dirname, '../../..');
const MAIN = join(ROOT, 'dist/main.js');
const MARIO = 'RSSMRA80A01H501U';

const freePort = (): Promise<number> =>
  new Promise((ok) => {
    const srv = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => ok(port));
    });
  });

/** The hostile provider: discovery, JWKS, token and userinfo; the code names the ID token's defect. */
function hostileProvider(clientId: string): { server: Server; issuer: () => string; nonces: Map<string, string> } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const nonces = new Map<string, string>();
  let issuer = '';
  const b64 = (v: object | Buffer): string => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');
  const sign = (header: object, payload: object, key: KeyObject): string => {
    const input = `${b64(header)}.${b64(payload)}`;
    return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
  };
  const idToken = (mode: string, nonce: string): string => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: issuer, sub: MARIO, aud: clientId, iat: now, exp: now + 300, nonce, acr: 'https://www.spid.gov.it/SpidL2' };
    if (mode === 'none') return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    if (mode === 'audience') return sign({ alg: 'RS256', kid }, { ...claims, aud: 'someone-else' }, privateKey);
    if (mode === 'expired') return sign({ alg: 'RS256', kid }, { ...claims, iat: now - 7200, exp: now - 3600 }, privateKey);
    if (mode === 'nonce') return sign({ alg: 'RS256', kid }, { ...claims, nonce: 'not-the-one' }, privateKey);
    if (mode === 'foreign-key') return sign({ alg: 'RS256', kid }, claims, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    const good = sign({ alg: 'RS256', kid }, claims, privateKey);
    if (mode !== 'tampered') return good;
    const [h, , s] = good.split('.');
    return `${h}.${b64({ ...claims, acr: 'https://www.spid.gov.it/SpidL3' })}.${s}`;
  };
  const json = (res: ServerResponse, body: object, status = 200) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      if (path === '/.well-known/openid-configuration')
        return json(res, {
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/me`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
        });
      if (path === '/jwks') return json(res, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
      if (path === '/token') {
        const code = new URLSearchParams(raw).get('code') ?? '';
        const [mode, state] = code.split('.');
        return json(res, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken(mode, nonces.get(state) ?? '') });
      }
      if (path === '/me') return json(res, { sub: MARIO, given_name: 'Mario', family_name: 'Rossi', fiscal_number: `TINIT-${MARIO}` });
      json(res, { error: 'not_found' }, 404);
    });
  });
  return { server, issuer: () => issuer, nonces: Object.assign(nonces, { setIssuer: (v: string) => (issuer = v) }) };
}

describe('citizen login over OpenID Connect (built app, real HTTP)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sportello-oidc-'));
  /**
   * An admin token from the CLI, run without blocking the event loop: while a spawnSync ran (seconds
   * under load) fetch's pooled keep-alive socket outlived the server's keep-alive timeout unnoticed,
   * and the next request on it failed with "other side closed".
   */
  const adminToken = async (): Promise<string> =>
    (await promisify(execFile)(process.execPath, [join(ROOT, 'dist/modules/identity/cli/token.js'), '--admin'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' })).stdout.trim();
  const config = testConfig();
  const hostile = hostileProvider('sportello-test');
  let child: ChildProcess;
  let out = '';
  let base = '';

  beforeAll(async () => {
    await new Promise<void>((ok) => hostile.server.listen(0, '127.0.0.1', ok));
    const hostileIssuer = `http://127.0.0.1:${(hostile.server.address() as AddressInfo).port}`;
    (hostile.nonces as unknown as { setIssuer: (v: string) => void }).setIssuer(hostileIssuer);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The development provider's keys are shared through DATA_DIR: the test writes them first.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    mkdirSync(join(dataDir, 'dev-idp'), { recursive: true });
    writeFileSync(
      join(dataDir, 'dev-idp', 'secrets.json'),
      JSON.stringify({ signingKey: { ...privateKey.export({ format: 'jwk' }), kid: 'test', alg: 'RS256', use: 'sig' }, cookieKeys: ['k'.repeat(32)] }),
    );
    // The development clients authenticate with private_key_jwt (the app's own key) and signed request objects: no secret.
    const providers = [
      { id: 'spid', kind: 'spid', label: 'SPID di prova', issuer: `${base}/dev-idp`, clientId: 'sportello-spid' },
      { id: 'cie', kind: 'cie', label: 'CIE di prova', issuer: `${base}/dev-idp`, clientId: 'sportello-cie' },
      { id: 'ostile', kind: 'spid', label: 'Ostile', issuer: hostileIssuer, clientId: 'sportello-test', clientSecret: 'x'.repeat(16) },
    ];
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      // One process is enough here; two-process-login.e2e-spec runs a login across two.
      WEB_CONCURRENCY: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ...databaseEnv(config),
      SCHEDULER_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      AUTH_DEV_IDP: 'true',
      PUBLIC_BASE_URL: base,
      CITIZEN_OIDC_PROVIDERS: JSON.stringify(providers),
      LOGIN_RATE_LIMIT: '35',
      // The development provider also stands for the Comune's own provider of the staff login.
      STAFF_OIDC_ISSUER: `${base}/dev-idp`,
      STAFF_OIDC_CLIENT_ID: 'sportello-personale',
    };
    child = spawn(process.execPath, [MAIN], { cwd: ROOT, env });
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`app exited:\n${out}`);
      const ok = await fetch(`${base}/api/v1/procedures`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 240) throw new Error(`app did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await new Promise((r) => hostile.server.close(r));
    rmSync(dataDir, { recursive: true, force: true });
    await dropTestSchema(config);
  });

  /** Through the development chooser up to the provider's redirect back (the callback URL, not yet opened). */
  async function toCallback(b: Browser, provider: string, level: string, chosenLevel = level, ritorno = '/area-personale'): Promise<{ callback: string; auth: URL }> {
    const auth = new URL(location(await b.get(`/accesso/oidc/${provider}?livello=${level}&ritorno=${encodeURIComponent(ritorno)}`)));
    const interaction = location(await b.get(auth.href));
    const chooser = await b.get(interaction);
    expect(chooser.status).toBe(200);
    const html = await chooser.text();
    const resume = location(await b.post(interaction, { _csrf: csrfOf(html), cittadino: MARIO, livello: chosenLevel }));
    return { callback: location(await b.get(resume)), auth };
  }

  it('given the login page, when a citizen chooses SPID in the development chooser, then they see their personal area and the login is audited', async () => {
    // given
    const b = new Browser(base);
    const page = await (await b.get('/accesso')).text();
    expect(page).toContain('Entra con SPID');
    expect(page).toContain('Entra con CIE');
    // when
    const { callback, auth } = await toCallback(b, 'spid', '2');
    const landed = location(await b.get(callback));
    // then: PKCE S256, state, nonce and the level were asked for
    const asked = requestParams(auth);
    expect([...auth.searchParams.keys()].sort()).toEqual(['client_id', 'request']);
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(asked.get('state')).toBeTruthy();
    expect(asked.get('nonce')).toBeTruthy();
    expect(asked.get('acr_values')).toBe('https://www.spid.gov.it/SpidL2');
    expect(landed).toBe('/area-personale');
    const area = await b.get('/area-personale');
    expect(area.status).toBe(200);
    expect(await area.text()).toContain('Mario');
    expect(out).not.toContain(MARIO);
    const token = await adminToken();
    const audit = await fetch(`${base}/api/v1/admin/audit?resourceType=user&resourceId=${MARIO}`, { headers: { authorization: `Bearer ${token}` } });
    expect(audit.status).toBe(200);
    const rows = ((await audit.json()) as { items: Array<{ action: string; channel: string; actorSubject: string }> }).items;
    expect(rows).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'auth.login', channel: 'web', actorSubject: MARIO })]));
  });

  it('given a logged-in citizen, when they log out, then the local session ends and the browser goes to the provider end-session endpoint', async () => {
    // given
    const b = new Browser(base);
    location(await b.get((await toCallback(b, 'cie', '2')).callback));
    const html = await (await b.get('/area-personale')).text();
    // when
    const endSession = location(await b.post('/esci', { _csrf: /name="csrf-token" content="([^"]+)"/.exec(html)?.[1] ?? csrfOf(html) }));
    // then
    expect(endSession.startsWith(`${base}/dev-idp/session/end`)).toBe(true);
    expect(new URL(endSession).searchParams.get('id_token_hint')).toBeTruthy();
    const confirm = await b.get(endSession);
    expect(confirm.status).toBe(200);
    expect(location(await b.get('/area-personale'))).toMatch(/^\/accesso\?ritorno=/);
  });

  it('given a callback with the wrong state, when it arrives, then the login is refused and nobody is logged in', async () => {
    const b = new Browser(base);
    const { callback } = await toCallback(b, 'spid', '2');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state');
    const res = await b.get(forged.href);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Accesso non riuscito');
    expect(location(await b.get('/area-personale'))).toMatch(/^\/accesso/);
  });

  it('given a code already redeemed, when it is replayed in a new login, then the provider refuses it and nobody is logged in', async () => {
    // given
    const b = new Browser(base);
    const { callback } = await toCallback(b, 'spid', '2');
    location(await b.get(callback));
    const attacker = new Browser(base);
    const pending = new URL(location(await attacker.get('/accesso/oidc/spid?livello=2')));
    // when: the old code with the attacker's fresh state
    const replay = new URL(callback);
    replay.searchParams.set('state', requestParams(pending).get('state') ?? '');
    const res = await attacker.get(replay.href);
    // then
    expect(res.status).toBe(400);
    expect(location(await attacker.get('/area-personale'))).toMatch(/^\/accesso/);
    // and the same callback twice in the first browser finds no pending login
    expect((await b.get(callback)).status).toBe(400);
  });

  it('given an L1 session, when the citizen opens the wizard of an L2 procedure, then they are sent to log in again at level 2', async () => {
    const b = new Browser(base);
    location(await b.get((await toCallback(b, 'spid', '1')).callback));
    const back = location(await b.get('/servizi/certificato-residenza/domanda'));
    expect(back).toBe(`/accesso?${new URLSearchParams({ ritorno: '/servizi/certificato-residenza/domanda', livello: '2' })}`);
    const page = await (await b.get(back)).text();
    expect(page).toContain('livello di sicurezza 2');
    // at level 2 the wizard opens
    location(await b.get((await toCallback(b, 'spid', '2', '2', '/servizi/certificato-residenza/domanda')).callback));
    expect((await b.get('/servizi/certificato-residenza/domanda')).status).toBe(200);
  });

  it('given the chooser form without its CSRF token, when posted, then it is refused', async () => {
    const b = new Browser(base);
    const auth = location(await b.get('/accesso/oidc/spid?livello=2'));
    const interaction = location(await b.get(auth));
    await b.get(interaction);
    expect((await b.post(interaction, { cittadino: MARIO, livello: '2' })).status).toBe(403);
  });

  it.each([
    ['tampered', 'a payload changed after signing'],
    ['none', 'alg none'],
    ['audience', 'another audience'],
    ['expired', 'an expired token'],
    ['foreign-key', 'a signature by an unknown key'],
    ['nonce', 'another nonce'],
  ])('given a provider answering with %s ID token (%s), when the callback arrives, then the login is refused', async (mode) => {
    // given
    const b = new Browser(base);
    const auth = new URL(location(await b.get('/accesso/oidc/ostile?livello=2')));
    const state = requestParams(auth).get('state') ?? '';
    hostile.nonces.set(state, requestParams(auth).get('nonce') ?? '');
    // when
    const res = await b.get(`/accesso/oidc/ritorno?code=${mode}.${state}&state=${state}`);
    // then
    expect(res.status).toBe(400);
    expect(location(await b.get('/area-personale'))).toMatch(/^\/accesso/);
  });

  it('given the hostile provider with a well-formed token, when the callback arrives, then the same path logs in (the negative cases fail for their defect)', async () => {
    const b = new Browser(base);
    const auth = new URL(location(await b.get('/accesso/oidc/ostile?livello=2')));
    const state = requestParams(auth).get('state') ?? '';
    hostile.nonces.set(state, requestParams(auth).get('nonce') ?? '');
    expect(location(await b.get(`/accesso/oidc/ritorno?code=good.${state}&state=${state}`))).toBe('/area-personale');
  });

  describe('private_key_jwt and signed request objects (SPID/CIE OIDC federation)', () => {
    const b64 = (v: object): string => Buffer.from(JSON.stringify(v)).toString('base64url');

    it('given the relying party, when its JWKS is read, then it holds one public signing key and no private part', async () => {
      const res = await fetch(`${base}/.well-known/jwks.json`);
      expect(res.status).toBe(200);
      const { keys } = (await res.json()) as { keys: Array<Record<string, unknown>> };
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
      expect(keys[0].d).toBeUndefined();
    });

    it('given a real code, when it is redeemed with a client secret instead of the client assertion, then the provider refuses the client; the right client then logs in with it', async () => {
      // given
      const b = new Browser(base);
      const { callback } = await toCallback(b, 'spid', '2');
      const code = new URL(callback).searchParams.get('code') ?? '';
      // when
      const res = await fetch(`${base}/dev-idp/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('sportello-spid:a-guessed-client-secret-value').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${base}/accesso/oidc/ritorno`, code_verifier: 'x'.repeat(43) }).toString(),
      });
      // then
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toBe('invalid_client');
      expect(location(await b.get(callback))).toBe('/area-personale');
    });

    it('given an authorization request without a request object, when it reaches the provider, then it is refused and no chooser opens', async () => {
      const res = await fetch(
        `${base}/dev-idp/auth?${new URLSearchParams({ client_id: 'sportello-spid', response_type: 'code', scope: 'openid', redirect_uri: `${base}/accesso/oidc/ritorno`, code_challenge: 'x'.repeat(43), code_challenge_method: 'S256', state: 's', nonce: 'n' })}`,
        { redirect: 'manual' },
      );
      const answer = res.status === 303 || res.status === 302 ? new URL(res.headers.get('location') ?? '', base).searchParams.get('error') : await res.text();
      expect(answer).toContain('invalid_request');
      expect(res.headers.get('location') ?? '').not.toContain('/dev-idp/interaction/');
    });

    it('given a request object signed with another key under our kid, when it reaches the provider, then it is refused as an invalid request object', async () => {
      // given: the app's own request, re-signed by a stranger's key
      const b = new Browser(base);
      const auth = new URL(location(await b.get('/accesso/oidc/spid?livello=2')));
      const [header, payload] = (auth.searchParams.get('request') ?? '').split('.');
      const { privateKey: stranger } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const input = `${b64(JSON.parse(Buffer.from(header, 'base64url').toString()) as object)}.${payload}`;
      const forged = `${input}.${createSign('RSA-SHA256').update(input).sign(stranger).toString('base64url')}`;
      auth.searchParams.set('request', forged);
      // when
      const res = await b.get(auth.href);
      // then
      const answer = res.status === 303 || res.status === 302 ? new URL(res.headers.get('location') ?? '', base).searchParams.get('error') : await res.text();
      expect(answer).toContain('invalid_request_object');
      expect(res.headers.get('location') ?? '').not.toContain('/dev-idp/interaction/');
    });
  });

  describe('staff login (password, TOTP for admins and analysts, lock-out, rate limit)', () => {
    let secret = '';

    async function password(b: Browser, username: string, pass: string): Promise<Response> {
      const html = await (await b.get('/accesso/personale')).text();
      return b.post('/accesso/personale', { _csrf: csrfOf(html), username, password: pass });
    }
    const codePost = async (b: Browser, codice: string): Promise<Response> => {
      const html = await (await b.get('/accesso/personale/codice')).text();
      return b.post('/accesso/personale/codice', { _csrf: csrfOf(html), codice });
    };

    it('given an admin without a second factor, when they log in, then the secret is shown once and the first code enrols it', async () => {
      const b = new Browser(base);
      const enrol = await password(b, 'admin', 'sportello-demo');
      expect(enrol.status).toBe(200);
      const html = await enrol.text();
      secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(html)?.[1] ?? '';
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(location(await b.get('/area-personale'))).toMatch(/^\/accesso/);
      const done = await b.post('/accesso/personale/codice', { _csrf: csrfOf(html), codice: hotp(secret, totpStep(new Date())) });
      expect(location(done)).toBe('/');
      expect(out).not.toContain(secret);
    });

    it('given an enrolled admin, when the code is wrong or replayed, then they are not logged in; the next code logs them in', async () => {
      const b = new Browser(base);
      expect(location(await password(b, 'admin', 'sportello-demo'))).toBe('/accesso/personale/codice');
      const now = totpStep(new Date());
      const wrong = await codePost(b, String((Number(hotp(secret, now)) + 1) % 1_000_000).padStart(6, '0'));
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).toContain('Codice non valido');
      expect((await codePost(b, hotp(secret, now - 1))).status).toBe(401);
      expect(location(await codePost(b, hotp(secret, now + 1)))).toBe('/');
      const token = await adminToken();
      const audit = (await (await fetch(`${base}/api/v1/admin/audit?resourceType=user&resourceId=admin`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: Array<{ action: string }> };
      expect(audit.items.filter((r) => r.action === 'auth.login')).toHaveLength(2);
    });

    it('given an operator, when they log in with the right password, then no code is asked', async () => {
      const b = new Browser(base);
      expect(location(await password(b, 'anna.esposito', 'sportello-demo'))).toBe('/');
    });

    it('given the staff login form without its CSRF token, when posted, then it is refused before any check', async () => {
      const b = new Browser(base);
      await b.get('/accesso/personale');
      expect((await b.post('/accesso/personale', { username: 'anna.esposito', password: 'sportello-demo' })).status).toBe(403);
    });

    /** Through the Comune's provider (the development provider's staff chooser) up to the answer of the callback. */
    async function comuneCallback(b: Browser, user: string, mfa: boolean): Promise<string> {
      const auth = location(await b.get('/accesso/personale/oidc'));
      const interaction = location(await b.get(auth));
      const html = await (await b.get(interaction)).text();
      expect(html).toContain('dev-idp-staff-chooser');
      const resume = location(await b.post(interaction, { _csrf: csrfOf(html), utente: user, ...(mfa ? { mfa: 'si' } : {}) }));
      return location(await b.get(resume));
    }
    const comune = async (b: Browser, user: string, mfa: boolean): Promise<Response> => b.get(await comuneCallback(b, user, mfa));
    const adminAudit = async (id: string): Promise<Array<{ action: string; actorSubject: string }>> => {
      const token = await adminToken();
      return ((await (await fetch(`${base}/api/v1/admin/audit?resourceType=user&resourceId=${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: Array<{ action: string; actorSubject: string }> }).items;
    };

    it('given the Comune\'s provider configured, when an operator logs in through it, then the button is on the staff login page and the operator is in without a password', async () => {
      const b = new Browser(base);
      expect(await (await b.get('/accesso/personale')).text()).toContain('data-testid="staff-oidc-login"');
      expect(location(await comune(b, 'luca.romano', false))).toBe('/');
      expect((await b.get('/console')).status).toBe(200);
    });

    it('given a user of the Comune without a staff account, when they log in through the provider, then an Italian refusal, nobody logged in, and the refusal audited', async () => {
      const b = new Browser(base);
      const res = await comune(b, 'ospite.esterno', true);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('non corrisponde ad alcun account attivo del personale');
      expect(location(await b.get('/console'))).toMatch(/^\/accesso/);
      expect(await adminAudit('ospite.esterno')).toEqual([expect.objectContaining({ action: 'auth.login-refused', actorSubject: 'ospite.esterno' })]);
    });

    it('given a staff callback with a forged state, or a second time, when it arrives, then it is refused and nobody is logged in', async () => {
      const b = new Browser(base);
      const callback = new URL(await comuneCallback(b, 'luca.romano', false));
      callback.searchParams.set('state', 'forged-state');
      const forged = await b.get(callback.href);
      expect(forged.status).toBe(400);
      expect(await forged.text()).toContain('Accesso con l\u2019account del Comune non riuscito');
      expect((await b.get(callback.href)).status).toBe(400);
      expect(location(await b.get('/console'))).toMatch(/^\/accesso/);
    });

    it('given an admin, when the provider asserts no second factor, then the TOTP code is asked and nothing opens before it; with `amr` mfa the admin is in at once', async () => {
      const b = new Browser(base);
      expect(location(await comune(b, 'admin', false))).toBe('/accesso/personale/codice');
      expect(location(await b.get('/amministrazione'))).toMatch(/^\/accesso/);
      const strong = new Browser(base);
      expect(location(await comune(strong, 'admin', true))).toBe('/');
      expect((await strong.get('/amministrazione')).status).toBe(200);
    });

    it('given five wrong passwords, when the right one follows, then the account is locked', async () => {
      const b = new Browser(base);
      for (let i = 0; i < 4; i++) expect((await password(b, 'luca.romano', 'sbagliata')).status).toBe(401);
      expect((await password(b, 'luca.romano', 'sbagliata')).status).toBe(423);
      const locked = await password(b, 'luca.romano', 'sportello-demo');
      expect(locked.status).toBe(423);
      expect(await locked.text()).toContain('Account bloccato');
    });

    it('given many attempts from one address, when the limit is passed, then the login answers 429 with Retry-After', async () => {
      const b = new Browser(base);
      let last: Response | undefined;
      for (let i = 0; i < 30; i++) {
        last = await password(b, 'nessuno', 'x');
        if (last.status === 429) break;
      }
      expect(last?.status).toBe(429);
      expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });
});
