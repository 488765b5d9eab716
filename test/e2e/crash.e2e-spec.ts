import { PGlite } from '@electric-sql/pglite';
import { NestFactory } from '@nestjs/core';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { AppConfig, ConfigModule, loadConfig } from '../../src/config';
import { CitizenPrincipal, DEMO_CITIZENS, IdentityModule, TokenService } from '../../src/modules/identity';
import { databaseEnv, databaseLabel, dropTestSchema, onPostgres, testConfig } from '../setup/test-database';
import { aCertificatoResidenzaRequest } from '../factories/case.factory';

/**
 * Crash safety of filing: the app is killed with SIGKILL in the middle of a burst of
 * submissions, restarted on the same database, and the register must still be whole. A filing
 * is one transaction (case, process start, protocol number, first task), so whatever the kill
 * interrupted left nothing behind, and a retry with the same Idempotency-Key files it once.
 */
const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/main.js');
const SUBMISSIONS = 40;
const IN_FLIGHT = 8;
const KILL_AFTER_ACKS = 14;

const request = aCertificatoResidenzaRequest();

interface Submission {
  citizen: CitizenPrincipal;
  key: string;
  status?: number;
  caseId?: string;
  protocolNumber?: string;
}

interface RunningApp {
  child: ChildProcess;
  base: string;
  output: () => string;
}

const freePort = (): Promise<number> =>
  new Promise((ok) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));

async function startApp(env: Record<string, string>): Promise<RunningApp> {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' } });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${base}/api/v1/procedures/certificato-residenza`);
      if (res.status === 200) return { child, base, output: () => out };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`app did not become ready:\n${out}`);
}

async function stopApp(app: RunningApp): Promise<void> {
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), 15_000);
  await exited(app.child);
  clearTimeout(timer);
}

async function submit(base: string, token: string, s: Submission): Promise<{ status: number; body: { id: string; protocol: { number: string } | null } }> {
  const res = await fetch(`${base}/api/v1/cases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': s.key },
    body: JSON.stringify({ procedureKey: 'certificato-residenza', data: request }),
  });
  return { status: res.status, body: (await res.json()) as { id: string; protocol: { number: string } | null } };
}

/** Reads the database once no app holds it: PGlite admits one process at a time. */
async function query<T>(dataDir: string, config: AppConfig, sql: string): Promise<T[]> {
  const schema = config.DATABASE_SCHEMA;
  if (onPostgres()) {
    const client = new Client({ connectionString: config.DATABASE_URL });
    await client.connect();
    try {
      await client.query(`set search_path to "${schema}"`);
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = new PGlite(join(dataDir, 'pglite'));
  try {
    return (await db.query<T>(sql)).rows;
  } finally {
    await db.close();
  }
}

describe(`filing survives kill -9 on ${databaseLabel()}`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sportello-crash-'));
  const config = testConfig();
  const env = {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    ...databaseEnv(config),
    SCHEDULER_ENABLED: 'false',
    NOTIFICATIONS_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    // One process: this is the single-process crash test (cluster-kill.e2e-spec.ts kills one of two).
    WEB_CONCURRENCY: '1',
  };
  const apps: RunningApp[] = [];

  afterAll(async () => {
    for (const app of apps) {
      app.child.kill('SIGKILL');
      await exited(app.child);
    }
    rmSync(dataDir, { recursive: true, force: true });
    await dropTestSchema(config);
  });

  it('given a burst of submissions, when the app is killed mid-burst and restarted, then acknowledged cases keep their numbers, numbers are gapless and retries file once', async () => {
    // given: the app on a fresh database, and a token per demo citizen signed with its dev key
    const first = await startApp(env);
    apps.push(first);
    const tokensContext = await NestFactory.createApplicationContext(
      { module: class CrashTokensModule {}, imports: [ConfigModule.forConfig(loadConfig({ ...env, AUTH_MODE: 'dev-keys' })), IdentityModule] },
      { logger: false },
    );
    const tokens = new Map<string, string>();
    for (const c of DEMO_CITIZENS) tokens.set(c.fiscalCode, await tokensContext.get(TokenService).issue(c));
    await tokensContext.close();
    const submissions: Submission[] = Array.from({ length: SUBMISSIONS }, (_, i) => ({
      citizen: DEMO_CITIZENS[i % DEMO_CITIZENS.length],
      key: `crash-${i}-${randomBytes(6).toString('hex')}`,
    }));

    // when: the burst runs, 8 in flight, and the app is killed once 14 filings are acknowledged
    let next = 0;
    let acks = 0;
    let killed = false;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < submissions.length && !killed) {
          const s = submissions[next++];
          try {
            const res = await submit(first.base, tokens.get(s.citizen.fiscalCode)!, s);
            if (killed) continue; // answered as the kill landed: treated as unacknowledged
            s.status = res.status;
            if (res.status === 201) {
              s.caseId = res.body.id;
              s.protocolNumber = res.body.protocol?.number;
              if (++acks === KILL_AFTER_ACKS) {
                killed = true;
                first.child.kill('SIGKILL');
              }
            }
          } catch {
            // connection reset by the kill: unacknowledged
          }
        }
      }),
    );
    await exited(first.child);
    const acknowledged = submissions.filter((s) => s.status === 201);
    const unacknowledged = submissions.filter((s) => s.status !== 201);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(unacknowledged.length).toBeGreaterThan(0);

    // and: the app restarts on the same database, and the unacknowledged filings are retried
    const second = await startApp(env);
    apps.push(second);
    for (const s of unacknowledged) {
      const res = await submit(second.base, tokens.get(s.citizen.fiscalCode)!, s);
      expect([200, 201]).toContain(res.status);
      s.status = res.status;
      s.caseId = res.body.id;
      s.protocolNumber = res.body.protocol?.number;
    }
    const again = await submit(second.base, tokens.get(acknowledged[0].citizen.fiscalCode)!, acknowledged[0]);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(acknowledged[0].caseId);
    await stopApp(second);

    // then: every filing is one case with its protocol number, as acknowledged
    const cases = await query<{ id: string; key: string; fiscal_code: string; protocol_number: string | null; instance_id: string | null; instance_ok: boolean; task_count: number }>(
      dataDir,
      config,
      `select c.id, c.idempotency_key as key, c.citizen_fiscal_code as fiscal_code, c.protocol_number, c.instance_id,
              exists (select 1 from engine_instance i where i.id = c.instance_id) as instance_ok,
              (select count(*)::int from task t where t.case_id = c.id and t.status = 'open') as task_count
         from case_file c`,
    );
    expect(cases).toHaveLength(SUBMISSIONS);
    const byKey = new Map(cases.map((c) => [`${c.fiscal_code}/${c.key}`, c]));
    for (const s of submissions) {
      const row = byKey.get(`${s.citizen.fiscalCode}/${s.key}`);
      expect(row).toMatchObject({ id: s.caseId, protocol_number: s.protocolNumber });
    }
    for (const c of cases) {
      expect(c.protocol_number).toMatch(/^\d{7}$/);
      expect(c).toMatchObject({ instance_ok: true, task_count: 1 });
    }

    // and: no process instance without its case
    const orphans = await query<{ id: string }>(
      dataDir,
      config,
      `select i.id from engine_instance i where not exists (select 1 from case_file c where c.instance_id = i.id)`,
    );
    expect(orphans).toEqual([]);

    // and: the year's protocol numbers are exactly 1..N, each on one case, and the counter says N
    const entries = await query<{ year: number; number: number; case_id: string | null }>(
      dataDir,
      config,
      `select year, number, case_id from protocol_entry order by year, number`,
    );
    const counters = await query<{ year: number; last_number: number }>(dataDir, config, `select year, last_number from protocol_counter`);
    const years = [...new Set(entries.map((e) => e.year))];
    for (const year of years) {
      const numbers = entries.filter((e) => e.year === year).map((e) => e.number);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
      expect(counters.find((c) => c.year === year)?.last_number).toBe(numbers.length);
    }
    expect(entries).toHaveLength(SUBMISSIONS);
    expect(entries.map((e) => e.case_id).sort()).toEqual(cases.map((c) => c.id).sort());
    const protocolOf = new Map(entries.map((e) => [e.case_id, String(e.number).padStart(7, '0')]));
    for (const c of cases) expect(protocolOf.get(c.id)).toBe(c.protocol_number);
    // Two app boots and, on PGlite, reopening its data directory: on a busy shared machine this
    // runs past jest's default; the test proves crash safety, not speed (that is the bench's job).
  }, 180_000);
});
