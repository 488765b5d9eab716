import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseEnv, dropTestSchema, onPostgres, testConfig } from '../../setup/test-database';
import { AppProcess, freePort, startAppProcess, stopAppProcess } from '../../support/app-process';
import { csrfOf, HttpBrowser, location } from '../../support/http-browser';

/**
 * Two app processes (separate OS processes, one PostgreSQL schema) behind a switch the test
 * controls: the public address is a small proxy that forwards every request, the app's own
 * server-to-server calls included (discovery, JWKS, token, userinfo), to the process the test
 * names. A citizen's login starts on process A (authorization request, interaction, chooser) and
 * ends on B (callback, token exchange, userinfo): the development provider's codes, interactions
 * and sessions must be in the database, not in A's memory. PGlite serves one process, so this
 * runs on PostgreSQL only.
 */
const MARIO = 'RSSMRA80A01H501U';

class Switch {
  target = '';
  readonly served: Array<{ by: 'A' | 'B'; path: string }> = [];
  readonly server: Server;
  private names = new Map<string, 'A' | 'B'>();

  constructor() {
    this.server = createServer((req, res) => {
      const to = new URL(this.target);
      this.served.push({ by: this.names.get(this.target) ?? 'A', path: (req.url ?? '').split('?')[0] });
      const upstream = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
  }

  name(base: string, as: 'A' | 'B'): void {
    this.names.set(base, as);
  }
}

const describeOnPostgres = onPostgres() ? describe : describe.skip;
if (!onPostgres()) {
  // eslint-disable-next-line no-console
  console.info('two-process-login.e2e-spec: skipped on PGlite (it serves one process; set DATABASE_URL to run it)');
}

describeOnPostgres('a citizen login across two app processes on one PostgreSQL database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sportello-two-'));
  const config = testConfig();
  const lb = new Switch();
  let a: AppProcess | undefined;
  let b: AppProcess | undefined;
  let publicBase = '';

  beforeAll(async () => {
    const port = await freePort();
    await new Promise<void>((ok) => lb.server.listen(port, '127.0.0.1', ok));
    publicBase = `http://127.0.0.1:${(lb.server.address() as AddressInfo).port}`;
    const env = {
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      ...databaseEnv(config),
      SCHEDULER_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      AUTH_DEV_IDP: 'true',
      PUBLIC_BASE_URL: publicBase,
      // No SESSION_SECRET: two processes of one machine (npm start's workers) must still sign the
      // portal's session cookie alike (each used to pick its own, so B refused A's session).
    };
    // One after the other: the first runs the migrations.
    a = await startAppProcess(env);
    b = await startAppProcess(env);
    lb.name(a.base, 'A');
    lb.name(b.base, 'B');
  }, 240_000);

  afterAll(async () => {
    for (const app of [a, b]) if (app) await stopAppProcess(app);
    await new Promise((r) => lb.server.close(r));
    rmSync(dataDir, { recursive: true, force: true });
    await dropTestSchema(config);
  });

  it('given a login started on process A, when the callback and token exchange happen on process B, then the citizen is logged in and the provider state is in the database', async () => {
    // given: A answers everything up to the provider's redirect back
    const browser = new HttpBrowser(publicBase);
    lb.target = a!.base;
    const auth = location(await browser.get('/accesso/oidc/spid?livello=2'));
    const interaction = location(await browser.get(auth));
    const html = await (await browser.get(interaction)).text();
    const resume = location(await browser.post(interaction, { _csrf: csrfOf(html), cittadino: MARIO, livello: '2' }));
    const callback = location(await browser.get(resume));
    expect(new URL(callback).searchParams.get('code')).toBeTruthy();
    const db = new Client({ connectionString: config.DATABASE_URL });
    await db.connect();
    try {
      await db.query(`set search_path to "${config.DATABASE_SCHEMA}"`);
      const models = (await db.query(`select distinct model from dev_idp_state order by model`)).rows as Array<{ model: string }>;
      expect(models.map((m) => m.model)).toEqual(expect.arrayContaining(['AuthorizationCode', 'Grant', 'Session']));
      // when: B answers the callback; its own calls to the provider (token, userinfo) go to B too
      lb.target = b!.base;
      const servedBefore = lb.served.length;
      const answer = await browser.get(callback);
      const landed = location(answer);
      // then
      expect(landed).toBe('/area-personale');
      const byB = lb.served.slice(servedBefore);
      expect(byB.every((s) => s.by === 'B')).toBe(true);
      expect(byB.map((s) => s.path)).toEqual(expect.arrayContaining(['/accesso/oidc/ritorno', '/dev-idp/token', '/dev-idp/me']));
      expect(lb.served.slice(0, servedBefore).every((s) => s.by === 'A')).toBe(true);
      const area = await browser.get('/area-personale');
      expect(area.status).toBe(200);
      expect(await area.text()).toContain('Mario');
      // and the code, now used, is marked consumed in the shared table
      const [code] = (await db.query(`select consumed_at from dev_idp_state where model = 'AuthorizationCode' and id = $1`, [new URL(callback).searchParams.get('code')])).rows as Array<{ consumed_at: Date | null }>;
      expect(code?.consumed_at ?? null).not.toBeNull();
    } finally {
      await db.end();
    }
  });
});
