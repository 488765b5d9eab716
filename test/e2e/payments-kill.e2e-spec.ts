import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppConfig } from '../../src/config';
import { DEMO_CITIZENS, DEMO_OPERATORS, Principal } from '../../src/modules/identity';
import { anOccupazioneSuoloApplication } from '../factories/case.factory';
import { aPdf } from '../factories/document.factory';
import { databaseEnv, databaseLabel, dropTestSchema, onPostgres, testConfig } from '../setup/test-database';
import { AppProcess, devTokens, exited, startAppProcess, stopAppProcess } from '../support/app-process';

/**
 * Issue 12's bar for pagoPA debt positions: a kill -9 between "position created" and "case
 * updated" leaves exactly one position. The built app runs as a real process with its payment
 * jobs on and the GPD adapter pointed at a proxy here, which forwards to the app's own
 * development pagoPA. When the create-position request has succeeded there (the position is
 * stored), the proxy does not answer: it kills the app with SIGKILL. A second process on the same
 * database retries once the dead dispatcher's lease has run out, gets 409 for the same IUPD,
 * adopts the position and publishes the payment; the citizen then pays and the case goes on.
 */
const KEY = 'dev-gpd-key-0123456789';
const EC = '01234567890';
const PROCEDURE = 'occupazione-suolo-pubblico';
const mario = DEMO_CITIZENS[0];
const operator = (userId: string) => DEMO_OPERATORS.find((o) => o.userId === userId)!;
const davide = operator('davide.greco'); // polizia-locale
const chiara = operator('chiara.bruno'); // lavori-pubblici
const elena = operator('elena.marino'); // suap
// The dead dispatcher's claim (PAYMENTS_LEASE_MS, below) must run out before another process may retry.
// Long enough that the restarted process never outlives its own claim while it adopts and publishes (then it would claim again).
const LEASE_MS = 30_000;
const RECOVERY_DEADLINE_MS = 150_000;

interface Exchange {
  app: 'first' | 'second' | 'none';
  method: string;
  path: string;
  status: number | 'held' | 'unreachable';
}

/**
 * pagoPA's network as the app sees it. In `kill-on-create` mode a create-position request that
 * succeeded upstream is never answered: `onCreated` runs instead (the test kills the app there).
 */
class PagoPaProxy {
  readonly server: Server;
  readonly log: Exchange[] = [];
  target?: { app: 'first' | 'second'; base: string };
  mode: 'kill-on-create' | 'pass' = 'kill-on-create';
  onCreated?: () => void;
  private readonly held: ServerResponse[] = [];

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async listen(): Promise<string> {
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    await new Promise((ok) => this.server.close(ok));
  }

  creates(app: Exchange['app']): Exchange[] {
    return this.log.filter((e) => e.app === app && e.method === 'POST' && /\/debtpositions(\?|$)/.test(e.path));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = this.target;
    const exchange: Exchange = { app: target?.app ?? 'none', method: req.method ?? 'GET', path: req.url ?? '/', status: 'unreachable' };
    this.log.push(exchange);
    if (!target) {
      // No app to forward to yet: pagoPA is down as far as the caller can tell (it retries).
      res.writeHead(503, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ title: 'Service Unavailable', status: 503 }));
      return;
    }
    let upstream: Response;
    try {
      upstream = await fetch(`${target.base}${req.url}`, {
        method: req.method,
        headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)) as Array<[string, string]>),
        body: chunks.length ? Buffer.concat(chunks) : undefined,
        redirect: 'manual',
      });
    } catch {
      res.writeHead(502).end();
      return;
    }
    const body = Buffer.from(await upstream.arrayBuffer());
    const isCreate = req.method === 'POST' && /\/debtpositions(\?|$)/.test(req.url ?? '');
    if (this.mode === 'kill-on-create' && isCreate && upstream.status === 201) {
      exchange.status = 'held';
      this.held.push(res);
      this.onCreated?.();
      return;
    }
    exchange.status = upstream.status;
    res.writeHead(upstream.status, Object.fromEntries(upstream.headers.entries())).end(body);
  }
}

/** Reads the database; on PGlite only while no app process holds its data directory. */
async function query<T>(dataDir: string, config: AppConfig, sql: string, params: unknown[] = []): Promise<T[]> {
  if (onPostgres()) {
    const client = new Client({ connectionString: config.DATABASE_URL });
    await client.connect();
    try {
      await client.query(`set search_path to "${config.DATABASE_SCHEMA}"`);
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = new PGlite(join(dataDir, 'pglite'));
  try {
    return (await db.query<T>(sql, params)).rows;
  } finally {
    await db.close();
  }
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, deadlineMs: number, app?: AppProcess): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${app ? `\n${app.output()}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe(`pagoPA debt position survives kill -9 between "position created" and "case updated" on ${databaseLabel()}`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sportello-paykill-'));
  const config = testConfig();
  const proxy = new PagoPaProxy();
  const apps: AppProcess[] = [];
  const tokens = new Map<string, string>();

  afterAll(async () => {
    for (const app of apps) {
      app.child.kill('SIGKILL');
      await exited(app.child);
    }
    await proxy.close();
    rmSync(dataDir, { recursive: true, force: true });
    await dropTestSchema(config);
  });

  const call = async (app: AppProcess, who: Principal, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${app.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens.get(who.kind === 'citizen' ? who.fiscalCode : (who as { userId: string }).userId)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text };
  };
  const ok = async <T = unknown>(app: AppProcess, who: Principal, method: string, path: string, body?: unknown, expected = 200): Promise<T> => {
    const res = await call(app, who, method, path, body);
    if (res.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  };
  const taskOf = async (app: AppProcess, who: Principal, office: string, caseId: string): Promise<{ id: string; elementId: string }> =>
    waitFor(`a ${office} task`, async () => (await ok<{ items: Array<{ id: string; caseId: string; elementId: string }> }>(app, who, 'GET', `/api/v1/tasks?office=${office}&pageSize=100`)).items.find((t) => t.caseId === caseId), 30_000);
  const paymentsOf = async (app: AppProcess, caseId: string): Promise<Array<{ noticeNumber: string; status: string; amount: number; payable: boolean; receiptId: string | null }>> =>
    ok(app, mario, 'GET', `/api/v1/cases/${caseId}/payments`);

  it('given a case at its fee step, when the app is killed once GPD stored the position and before the payment is recorded, then a restarted app adopts that position (409 on its IUPD), publishes the notice once and the citizen can pay', async () => {
    // given: the proxy in front of the app's development pagoPA, and the app with its payment jobs on
    const proxyBase = await proxy.listen();
    const env = {
      NODE_ENV: 'test',
      WEB_CONCURRENCY: '1',
      DATA_DIR: dataDir,
      ...databaseEnv(config),
      SCHEDULER_ENABLED: 'false',
      NOTIFICATIONS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      PAYMENTS_JOBS_ENABLED: 'true',
      PAYMENTS_POLL_MS: '200',
      PAYMENTS_BACKOFF_MS: '1000',
      PAYMENTS_LEASE_MS: String(LEASE_MS),
      PAYMENTS_ADAPTER: 'gpd',
      DEV_PAGOPA_ENABLED: 'true',
      PAGOPA_API_BASE_URL: `${proxyBase}/dev-pagopa`,
      PAGOPA_GPD_KEY: KEY,
      PAGOPA_EC_FISCAL_CODE: EC,
      // The held request must still be pending when the kill lands, however loaded the machine.
      PAGOPA_TIMEOUT_MS: '120000',
    };
    const first = await startAppProcess(env);
    apps.push(first);
    proxy.target = { app: 'first', base: first.base };
    const killed = new Promise<void>((resolve) => {
      proxy.onCreated = () => {
        first.child.kill('SIGKILL');
        resolve();
      };
    });
    const principals: Principal[] = [mario, davide, chiara, elena];
    const issued = await devTokens(dataDir, principals);
    principals.forEach((p, i) => tokens.set(p.kind === 'citizen' ? p.fiscalCode : (p as { userId: string }).userId, issued[i]));

    // and: Mario's request, its planimetria uploaded first, both opinions given
    const form = new FormData();
    form.append('field', 'planimetria');
    form.append('file', new Blob([new Uint8Array(aPdf('Planimetria di Rossi'))], { type: 'application/pdf' }), 'planimetria.pdf');
    const upload = await fetch(`${first.base}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${tokens.get(mario.fiscalCode)}` }, body: form });
    expect(upload.status).toBe(201);
    const planimetria = ((await upload.json()) as { id: string }).id;
    const filed = await ok<{ id: string; protocol: { number: string } }>(first, mario, 'POST', '/api/v1/cases', {
      procedureKey: PROCEDURE,
      data: { ...anOccupazioneSuoloApplication(mario), planimetria: [planimetria] },
    }, 201);
    const caseId = filed.id;
    await ok(first, davide, 'POST', `/api/v1/tasks/${(await taskOf(first, davide, 'polizia-locale', caseId)).id}/complete`, { data: { parerePoliziaLocale: 'favorevole', prescrizioniPoliziaLocale: 'Nessuna' } });
    await ok(first, chiara, 'POST', `/api/v1/tasks/${(await taskOf(first, chiara, 'lavori-pubblici', caseId)).id}/complete`, { data: { parereLavoriPubblici: 'favorevole', prescrizioniLavoriPubblici: 'Nessuna' } });
    const decision = await taskOf(first, elena, 'suap', caseId);
    expect(decision.elementId).toBe('Task_Decisione');

    // when: the SUAP grants it, the fee step records the payment, and the dispatcher creates the
    // position at GPD; the proxy sees it stored and kills the app before the answer reaches it
    // (the decision's own answer may be lost in the kill too: what it committed is checked below)
    await call(first, elena, 'POST', `/api/v1/tasks/${decision.id}/complete`, { data: { esito: 'accolta', canoneEuro: 312.4, motivazione: 'Pareri favorevoli acquisiti' } }).catch(() => undefined);
    await killed;
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(proxy.creates('first').map((e) => e.status)).toEqual(['held']);

    // then: between the kill and the restart, pagoPA holds the position and the case's payment is still pending
    const [pending] = await query<{ iupd: string; nav: string; status: string; attempts: number }>(dataDir, config, `select iupd, nav, status, attempts from case_payment where case_id = $1`, [caseId]);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await query(dataDir, config, `select iupd from dev_pagopa_position`)).toEqual([{ iupd: pending.iupd }]);

    // when: a second process starts on the same database; the network passes answers through again
    proxy.mode = 'pass';
    proxy.target = undefined;
    const second = await startAppProcess(env);
    apps.push(second);
    proxy.target = { app: 'second', base: second.base };

    // then: once the dead dispatcher's lease ran out, the retry gets 409 on the same IUPD, adopts it and the notice is published
    const published = await waitFor('the payment to be published', async () => {
      const [p] = await paymentsOf(second, caseId);
      if (p?.status === 'failed') throw new Error(`the payment failed instead of adopting the position:\n${second.output()}`);
      return p?.status === 'published' ? p : undefined;
    }, RECOVERY_DEADLINE_MS, second);
    expect(published).toMatchObject({ noticeNumber: pending.nav, amount: 31240, payable: true });
    expect(proxy.creates('second').map((e) => e.status)).toEqual([409]);
    expect(proxy.log.filter((e) => e.app === 'second' && e.method === 'GET' && e.path.includes(`/debtpositions/${encodeURIComponent(pending.iupd)}`)).map((e) => e.status)).toEqual([200]);
    // and: its avviso is among the case's documents once, and Mario can download it
    const documents = await ok<Array<{ kind: string; name: string }>>(second, mario, 'GET', `/api/v1/cases/${caseId}/documents`);
    expect(documents.filter((d) => d.kind === 'payment-notice').map((d) => d.name)).toEqual([`avviso-${pending.nav}.pdf`]);
    const avviso = await fetch(`${second.base}/api/v1/cases/${caseId}/payments/${pending.nav}/avviso`, { headers: { authorization: `Bearer ${tokens.get(mario.fiscalCode)}` } });
    expect(avviso.status).toBe(200);
    expect(Buffer.from(await avviso.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    // when: Mario pays the notice at pagoPA
    const paid = await fetch(`${second.base}/dev-pagopa/avvisi/${pending.nav}/paga`, { method: 'POST' });
    expect(paid.status).toBe(200);
    const receipt = (await paid.json()) as { receiptId: string; amount: number };
    expect(receipt.amount).toBe(31240);

    // then: the polled receipt is applied and the case goes on to the concession
    await waitFor('the receipt to be applied', async () => ((await paymentsOf(second, caseId))[0]?.status === 'paid' ? true : undefined), 60_000, second);
    expect((await paymentsOf(second, caseId))[0]).toMatchObject({ status: 'paid', receiptId: receipt.receiptId, payable: false });
    const done = await waitFor('the case to be concluded', async () => {
      const c = await ok<{ status: string }>(second, mario, 'GET', `/api/v1/cases/${caseId}`);
      return c.status === 'accettata' ? c : undefined;
    }, 60_000, second);
    expect(done).toMatchObject({ outcome: 'accettata', protocol: { number: filed.protocol.number } });
    await stopAppProcess(second);

    // and: exactly one position at pagoPA, the payment published once (two attempts: the killed one and the adoption), one avviso, the receipt applied once
    expect(await query(dataDir, config, `select iupd, status from dev_pagopa_position`)).toEqual([{ iupd: pending.iupd, status: 'PAID' }]);
    expect(await query(dataDir, config, `select status, attempts, last_error from case_payment where case_id = $1`, [caseId])).toEqual([{ status: 'paid', attempts: 2, last_error: null }]);
    expect(await query(dataDir, config, `select name from issued_document where case_id = $1 and name like 'avviso-%'`, [caseId])).toEqual([{ name: `avviso-${pending.nav}.pdf` }]);
    expect(await query(dataDir, config, `select receipt_id, outcome from payment_receipt_log where nav = $1`, [pending.nav])).toEqual([{ receipt_id: receipt.receiptId, outcome: 'applied' }]);
    // Two app boots, a 30-second lease and, on PGlite, reopening its data directory between them.
  }, 600_000);
});
