import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { ConfigModule, loadConfig } from '../config';
import { CitizenPrincipal, DEMO_CITIZENS, DEMO_OPERATORS, IdentityModule, Principal, TokenService } from '../modules/identity';
import { clickDay } from './click-day';
import { round } from './lifecycle-load';
import { pgbenchCeiling } from './pgbench-ceiling';
import { formatSummary, ProfileSummary, summariseDir } from './cpu-profile-summary';

/**
 * `npm run bench` (after the engine bench): the platform over HTTP, against the built app in a
 * child process on PostgreSQL, schema `bench_platform` (dropped first and at the end).
 *
 *  1. Full lifecycles, 16 clients in flight: a citizen files certificato-residenza, an operator
 *     finds the task by protocol number, claims it, accepts it, the citizen reads the closed case.
 *  2. Reads with `--seed` open tasks (default 100 000) seeded set-based over the seven offices and
 *     many citizens (about 20 cases each): the office inbox (first and deep cursor page, by
 *     created and due date, with and without a text filter) and "my cases", one request at a
 *     time after a warm-up.
 *
 *  3. A click day (between 1 and 2): 5,000 filings by 1,000 distinct citizens, 64 in flight, each
 *     answered 201 with a number; the register is then read back (gapless, numbers as answered).
 *  4. The bare-SQL ceiling: pgbench, 16 clients, two durable transactions per lifecycle (app stopped),
 *     with the ratios HTTP / engine-only (bench/results/engine.json) and engine-only / pgbench.
 *
 * The app runs as `npm start` does, one process per core (cluster) unless --workers says otherwise.
 * Options: --seed <open tasks> --lifecycles <n> --requests <n per read> --keep (keep the schema)
 *   --workers <app processes> --click-day <filings> --citizens <n> --click-day-clients <n> --pgbench-seconds <s>.
 * Results: bench/results/platform.json, one entry per seed size.
 *
 * Only phase 1: `--lifecycles-only [--label <name>]` (results in bench/results/lifecycles.json);
 * `--cpu-profile` also profiles every app process over the measured lifecycles and prints the
 * top functions (`node dist/bench/cpu-profile-summary.js <dir> [lifecycles]` re-reads a profile
 * folder). Phase 1 always reports the app processes' CPU ms per lifecycle (/proc) and the
 * backends waiting for a lock meanwhile. On a loaded machine compare CPU ms and shares, not rates.
 */
const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/main.js');
const SCHEMA = 'bench_platform';
const CLIENTS = 16;
const TARGET_P95_MS = 20;
const OFFICES = (JSON.parse(readFileSync(join(ROOT, 'processes/offices.json'), 'utf8')) as Array<{ key: string }>).map((o) => o.key);
const MY_CASES_CITIZEN = DEMO_CITIZENS[3];
/** The other demo citizens file in the lifecycle phase, so the measured one keeps exactly the seeded 20 cases. */
const LIFECYCLE_CITIZENS = DEMO_CITIZENS.filter((c) => c !== MY_CASES_CITIZEN);

const FILING = {
  richiedente: { nome: 'Mario', cognome: 'Rossi', codiceFiscale: 'RSSMRA80A01H501U', email: 'mario.rossi@example.it' },
  tipoCertificato: 'residenza',
  numeroCopie: 1,
  esenzioneBollo: false,
  modalitaRitiro: 'online',
  dichiarazioneVeridicita: true,
  presaVisionePrivacy: true,
};
const DECISION = { verificaAnpr: true, esito: 'accolta', motivazione: 'Residenza verificata in ANPR' };

interface Latency {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

const latency = (samples: number[]): Latency => {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => round(s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0);
  return { count: s.length, p50: at(0.5), p95: at(0.95), max: round(s[s.length - 1] ?? 0) };
};

const freePort = (): Promise<number> =>
  new Promise((ok) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });

class Http {
  constructor(readonly base: string) {}

  /** One call, timed; a status other than `expected` stops the bench with the answer. */
  async call<T>(samples: number[] | null, method: string, path: string, token: string, expected: number, body?: unknown): Promise<T> {
    const t0 = performance.now();
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    samples?.push(performance.now() - t0);
    if (res.status !== expected) throw new Error(`${method} ${path}: ${res.status} (expected ${expected}) ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  }
}

interface App {
  child: ChildProcess;
  http: Http;
  /** The primary's and the workers' pids (the workers print theirs when listening). */
  pids(): number[];
  output(): string;
  /** The last 20 kB the app wrote (for errors). */
  tail(): string;
}

async function startApp(url: string, dataDir: string, workers: number, profileDir?: string): Promise<App> {
  const port = await freePort();
  let out = '';
  let log = '';
  const args = profileDir ? ['--require', join(ROOT, 'dist/bench/cpu-profile.js'), MAIN] : [MAIN];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      ...(profileDir ? { BENCH_CPU_PROFILE_DIR: profileDir } : {}),
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: url,
      DATABASE_SCHEMA: SCHEMA,
      DATABASE_POOL_SIZE: String(CLIENTS),
      WEB_CONCURRENCY: String(workers),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SCHEDULER_ENABLED: 'false',
      NOTIFICATIONS_ENABLED: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
    log += d.toString().split('\n').filter((l) => /listening|cpu profile/.test(l)).map((l) => `${l}\n`).join('');
  });
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const http = new Http(`http://127.0.0.1:${port}`);
  const pids = (): number[] => [child.pid!, ...[...log.matchAll(/\(worker (\d+)\)/g)].map((m) => Number(m[1]))];
  const app: App = { child, http, pids, output: () => log, tail: () => out };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${out}`);
    try {
      const ready = workers === 1 || out.includes(`${workers} workers listening`);
      if (ready && (await fetch(`${http.base}/api/v1/procedures/certificato-residenza`)).status === 200) return app;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`app did not become ready:\n${out}`);
}

async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Tokens signed with the dev key the app uses (same DATA_DIR). */
async function tokenIssuer(dataDir: string): Promise<{ issue(p: Principal): Promise<string>; close(): Promise<void> }> {
  const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, AUTH_MODE: 'dev-keys', AUTH_TOKEN_TTL_S: '86400' });
  const ctx = await NestFactory.createApplicationContext(
    { module: class BenchTokensModule {}, imports: [ConfigModule.forConfig(config), IdentityModule] },
    { logger: false },
  );
  const tokens = ctx.get(TokenService);
  return { issue: (p) => tokens.issue(p), close: () => ctx.close() };
}

interface LifecycleResult {
  lifecycles: number;
  concurrency: number;
  seconds: number;
  lifecyclesPerSec: number;
  /** CPU time (user + system) of all app processes during the measured lifecycles, per lifecycle (Linux). */
  appCpuMsPerLifecycle?: number;
  /** Backends waiting for a lock, on average over the measured run (see lockSampler). */
  locks?: { samples: number; lockWaitingAvg: number; auditHeadWaitingAvg: number };
  calls: Record<string, Latency>;
}

/** CPU time (user + system, ms) each process has used so far, from /proc (Linux). */
function cpuMsOf(pids: number[]): Record<number, number> {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const out: Record<number, number> = {};
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out[pid] = (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime (fields 14 and 15)
  }
  return out;
}

/**
 * Samples pg_stat_activity every 100 ms while the measured lifecycles run: how many backends of
 * this database are waiting for a lock, and how many of those wait for the audit chain's head
 * (every audited write queues there). Other schemas' work on the same server is counted too.
 */
function lockSampler(url: string): { stop(): Promise<{ samples: number; lockWaitingAvg: number; auditHeadWaitingAvg: number }> } {
  const db = new Client({ connectionString: url });
  let samples = 0;
  let waiting = 0;
  let audit = 0;
  let stopped = false;
  const loop = (async () => {
    await db.connect();
    while (!stopped) {
      const { rows } = await db.query<{ waiting: number; audit: number }>(
        `select count(*)::int as waiting, (count(*) filter (where query like '%audit_head%'))::int as audit
           from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      samples++;
      waiting += rows[0].waiting;
      audit += rows[0].audit;
      await new Promise((r) => setTimeout(r, 100));
    }
    await db.end();
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { samples, lockWaitingAvg: round(waiting / Math.max(samples, 1)), auditHeadWaitingAvg: round(audit / Math.max(samples, 1)) };
    },
  };
}

/** Sends SIGWINCH to every app process and waits until each has said `cpu profile <what>`. */
async function toggleProfiles(app: App, what: 'started' | 'written'): Promise<void> {
  const pids = app.pids();
  const before = app.output();
  for (const pid of pids) process.kill(pid, 'SIGWINCH');
  const deadline = Date.now() + 60_000;
  while (!pids.every((p) => app.output().slice(before.length).match(new RegExp(`cpu profile ${what}: ${p}\\b`)))) {
    if (Date.now() > deadline) throw new Error(`cpu profiles not ${what} for all of ${pids.join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function lifecycles(
  http: Http,
  issue: (p: Principal) => Promise<string>,
  total: number,
  around?: { before(): Promise<void>; after(): Promise<void> },
  pids?: () => number[],
  url?: string,
): Promise<LifecycleResult> {
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const citizen: CitizenPrincipal = LIFECYCLE_CITIZENS[i % LIFECYCLE_CITIZENS.length];
      // Operators are staff accounts (seeded in development): the anagrafe demo operators take turns.
      const anagrafe = DEMO_OPERATORS.filter((o) => o.offices.includes('anagrafe'));
      const operator: Principal = anagrafe[i % anagrafe.length];
      return { citizen: await issue(citizen), operator: await issue(operator) };
    }),
  );
  const calls = { submit: [] as number[], findTask: [] as number[], claim: [] as number[], complete: [] as number[], readCase: [] as number[] };
  const one = async (c: { citizen: string; operator: string }, record: boolean): Promise<void> => {
    const s = (k: keyof typeof calls) => (record ? calls[k] : null);
    const filed = await http.call<{ id: string; protocol: { number: string } | null }>(s('submit'), 'POST', '/api/v1/cases', c.citizen, 201, {
      procedureKey: 'certificato-residenza',
      data: FILING,
    });
    if (!filed.protocol) throw new Error(`case ${filed.id} has no protocol number`);
    const inbox = await http.call<{ items: Array<{ id: string; caseId: string }> }>(
      s('findTask'),
      'GET',
      `/api/v1/tasks?office=anagrafe&q=${filed.protocol.number}`,
      c.operator,
      200,
    );
    const task = inbox.items.find((t) => t.caseId === filed.id);
    if (!task) throw new Error(`no task for case ${filed.id} in the inbox`);
    await http.call(s('claim'), 'POST', `/api/v1/tasks/${task.id}/claim`, c.operator, 200, {});
    await http.call(s('complete'), 'POST', `/api/v1/tasks/${task.id}/complete`, c.operator, 200, { data: DECISION });
    const closed = await http.call<{ status: string; closedAt: string | null }>(s('readCase'), 'GET', `/api/v1/cases/${filed.id}`, c.citizen, 200);
    if (closed.status !== 'accettata' || !closed.closedAt) throw new Error(`case ${filed.id} ended as ${closed.status}`);
  };
  const run = async (n: number, record: boolean): Promise<number> => {
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      clients.map(async (c) => {
        while (next < n) {
          next++;
          await one(c, record);
        }
      }),
    );
    return (performance.now() - t0) / 1000;
  };
  await run(CLIENTS * 2, false); // warm-up: JIT, pools, parsed definitions
  await around?.before();
  const cpuBefore = pids && existsSync('/proc/self/stat') ? cpuMsOf(pids()) : null;
  const sampler = url ? lockSampler(url) : null;
  const seconds = await run(total, true);
  const cpuAfter = cpuBefore && pids ? cpuMsOf(pids()) : null;
  const locks = await sampler?.stop();
  await around?.after();
  const appCpuMs = cpuBefore && cpuAfter ? Object.keys(cpuBefore).reduce((sum, p) => sum + cpuAfter[Number(p)] - cpuBefore[Number(p)], 0) : null;
  return {
    lifecycles: total,
    concurrency: CLIENTS,
    seconds: round(seconds),
    lifecyclesPerSec: round(total / seconds),
    ...(appCpuMs === null ? {} : { appCpuMsPerLifecycle: round(appCpuMs / total) }),
    ...(locks ? { locks } : {}),
    calls: Object.fromEntries(Object.entries(calls).map(([k, v]) => [k, latency(v)])),
  };
}

/**
 * The rows to seed: offices round-robin; citizens get about 20 cases each (the first 20 belong to
 * the demo citizen whose "my cases" is measured); filings spread over the last year.
 */
async function seedRows(db: Client, openTasks: number): Promise<void> {
  const citizens = Math.max(1, Math.floor(openTasks / 20));
  await db.query(`set search_path to ${SCHEMA}`);
  await db.query(
    `create temporary table seed_row on commit drop as
     select i,
            lpad(to_hex(i), 32, '0')::uuid as case_id,
            ($2::text[])[1 + i % array_length($2::text[], 1)] as office,
            case when i <= 20 then $3 else 'SEED' || lpad((i % $4)::text, 12, '0') end as fiscal_code,
            case when i <= 20 then $5
                 else (array['Mario','Laura','Giuseppe','Giulia','Marco','Anna','Luca','Sara','Paolo','Elena','Davide','Chiara','Francesca'])[1 + i % 13]
                      || ' ' || (array['Rossi','Bianchi','Verdi','Ferrari','Russo','Esposito','Romano','Colombo','Ricci','Marino','Greco','Bruno',
                                       'Gallo','Conti','De Luca','Costa','Giordano','Mancini','Rizzo','Lombardi'])[1 + (i / 13) % 20] end as citizen_name,
            now() - make_interval(secs => i * 31536000.0 / $1) as submitted_at
       from generate_series(1, $1) as i`,
    [openTasks, OFFICES, MY_CASES_CITIZEN.fiscalCode, citizens, `${MY_CASES_CITIZEN.givenName} ${MY_CASES_CITIZEN.familyName}`],
  );
}

/** `openTasks` cases, each with one open task (one in ten already claimed), set-based, then analyze. */
async function seedAll(url: string, openTasks: number): Promise<number> {
  const db = new Client({ connectionString: url });
  await db.connect();
  const t0 = performance.now();
  try {
    await db.query('begin');
    await seedRows(db, openTasks);
    const procedure = `(array['certificato-residenza','iscrizione-nido','occupazione-suolo-pubblico','segnalazione','accesso-atti','rimborso-tributi','istanza-generica'])[1 + i % 7]`;
    const title = `(array['Certificato di residenza','Iscrizione al nido','Occupazione di suolo pubblico','Segnalazione','Accesso agli atti','Rimborso tributi','Istanza generica'])[1 + i % 7]`;
    await db.query(
      `insert into case_file (id, code, procedure_key, procedure_title, office, citizen_fiscal_code, citizen_name, citizen_email, status, data,
         instance_id, protocol_number, protocol_year, protocol_date, submitted_at, taken_in_charge_at, legal_days, legal_deadline)
       select case_id, 'SEED-' || lpad(i::text, 10, '0'), ${procedure}, ${title}, office, fiscal_code, citizen_name, null, 'presa-in-carico', '{"seed": true}'::jsonb,
              'seed-' || lpad(i::text, 10, '0'), lpad(i::text, 7, '0'), extract(year from submitted_at)::int, submitted_at, submitted_at, submitted_at,
              30, (submitted_at + interval '30 days')::date
         from seed_row`,
    );
    await db.query(
      `insert into task (id, office, case_id, instance_id, element_id, name, form_key, status, assignee, claimed_at, created_at, due_at,
         procedure_key, procedure_title, citizen_name, protocol_number)
       select 'seed-task-' || lpad(i::text, 10, '0'), office, case_id, 'seed-' || lpad(i::text, 10, '0'), 'Task_Verifica', 'Verifica della richiesta', null, 'open',
              case when i % 10 = 0 then 'op-' || office else null end, case when i % 10 = 0 then submitted_at end,
              submitted_at + interval '1 second', (submitted_at + interval '30 days')::date,
              ${procedure}, ${title}, citizen_name, lpad(i::text, 7, '0')
         from seed_row`,
    );
    await db.query('commit');
    await db.query(`analyze ${SCHEMA}.case_file`);
    await db.query(`analyze ${SCHEMA}.task`);
  } catch (e) {
    await db.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    await db.end();
  }
  return round((performance.now() - t0) / 1000);
}

const cursorOf = (k: string, id: string): string => Buffer.from(JSON.stringify({ k, id })).toString('base64url');

/** Cursors half-way down the anagrafe inbox, by created and by due date, and a protocol number there. */
async function deepPoints(url: string): Promise<{ created: string; due: string; protocolNumber: string; depth: number }> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`set search_path to ${SCHEMA}`);
    const [{ n }] = (await db.query(`select count(*)::int as n from task where office = 'anagrafe' and status = 'open'`)).rows as Array<{ n: number }>;
    const depth = Math.floor(n / 2);
    const [c] = (await db.query(
      `select created_at, id, protocol_number from task where office = 'anagrafe' and status = 'open' order by created_at, id offset $1 limit 1`,
      [depth],
    )).rows as Array<{ created_at: Date; id: string; protocol_number: string }>;
    const [d] = (await db.query(
      `select to_char(due_at, 'YYYY-MM-DD') as due, id from task where office = 'anagrafe' and status = 'open' order by due_at, id offset $1 limit 1`,
      [depth],
    )).rows as Array<{ due: string; id: string }>;
    return { created: cursorOf(c.created_at.toISOString(), c.id), due: cursorOf(d.due, d.id), protocolNumber: c.protocol_number, depth };
  } finally {
    await db.end();
  }
}

async function reads(http: Http, issue: (p: Principal) => Promise<string>, url: string, requests: number): Promise<{ depth: number; results: Record<string, Latency> }> {
  const anna = await issue({ kind: 'operator', userId: 'anna.esposito', name: 'Anna Esposito', offices: ['anagrafe'], headOf: ['anagrafe'] });
  const elena = await issue({ kind: 'operator', userId: 'elena.marino', name: 'Elena Marino', offices: ['suap', 'polizia-locale'], headOf: ['suap'] });
  const giulia = await issue(MY_CASES_CITIZEN);
  const deep = await deepPoints(url);
  const inbox = '/api/v1/tasks?office=anagrafe';
  // [name, path, token, items expected on the page (-1: at least one)]
  const cases: Array<[string, string, string, number]> = [
    ['inbox created, first page', `${inbox}&sort=created`, anna, 20],
    ['inbox created, deep page', `${inbox}&sort=created&cursor=${deep.created}`, anna, 20],
    ['inbox due, first page', `${inbox}&sort=due`, anna, 20],
    ['inbox due, deep page', `${inbox}&sort=due&cursor=${deep.due}`, anna, 20],
    ['inbox created q=Rossi, first page', `${inbox}&sort=created&q=Rossi`, anna, -1],
    ['inbox created q=Rossi, deep page', `${inbox}&sort=created&q=Rossi&cursor=${deep.created}`, anna, -1],
    ['inbox due q=Rossi, first page', `${inbox}&sort=due&q=Rossi`, anna, -1],
    ['inbox due q=Rossi, deep page', `${inbox}&sort=due&q=Rossi&cursor=${deep.due}`, anna, -1],
    ['inbox q=<protocol number>', `${inbox}&q=${deep.protocolNumber}`, anna, -1],
    ['inbox two offices, no office filter', `/api/v1/tasks?sort=created`, elena, 20],
    ['my cases (20 cases)', `/api/v1/cases`, giulia, 20],
  ];
  const results: Record<string, Latency> = {};
  for (const [name, path, token, expectedItems] of cases) {
    const first = await http.call<{ items: unknown[] }>(null, 'GET', path, token, 200);
    if (expectedItems >= 0 && first.items.length !== expectedItems) throw new Error(`${name}: ${first.items.length} items, expected ${expectedItems}`);
    if (expectedItems < 0 && first.items.length < 1) throw new Error(`${name}: no items`);
    for (let i = 0; i < 20; i++) await http.call(null, 'GET', path, token, 200);
    const samples: number[] = [];
    for (let i = 0; i < requests; i++) await http.call(samples, 'GET', path, token, 200);
    results[name] = latency(samples);
  }
  return { depth: deep.depth, results };
}

/** Engine-only lifecycles/s from `npm run bench:engine` (run just before by `npm run bench`), or null if absent. */
function engineFigure(): number | null {
  const file = join(ROOT, 'bench/results/engine.json');
  if (!existsSync(file)) return null;
  return (JSON.parse(readFileSync(file, 'utf8')) as { ours?: { lifecyclesPerSec?: number } }).ours?.lifecyclesPerSec ?? null;
}

async function resetSchema(url: string): Promise<void> {
  const db = new Client({ connectionString: url });
  await db.connect();
  await db.query(`drop schema if exists ${SCHEMA} cascade`);
  await db.end();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      seed: { type: 'string' },
      lifecycles: { type: 'string' },
      requests: { type: 'string' },
      keep: { type: 'boolean' },
      workers: { type: 'string' },
      'click-day': { type: 'string' },
      citizens: { type: 'string' },
      'click-day-clients': { type: 'string' },
      'pgbench-seconds': { type: 'string' },
      'lifecycles-only': { type: 'boolean' },
      'cpu-profile': { type: 'boolean' },
      label: { type: 'string' },
    },
  });
  const openTasks = Number(values.seed ?? 100_000);
  const total = Number(values.lifecycles ?? 320);
  const requests = Number(values.requests ?? 200);
  const workers = Number(values.workers ?? availableParallelism());
  const clickDaySubmissions = Number(values['click-day'] ?? 5000);
  const clickDayCitizens = Number(values.citizens ?? 1000);
  const clickDayClients = Number(values['click-day-clients'] ?? 64);
  const pgbenchSeconds = Number(values['pgbench-seconds'] ?? 10);
  for (const [flag, n] of [
    ['--seed', openTasks],
    ['--lifecycles', total],
    ['--requests', requests],
    ['--workers', workers],
    ['--click-day', clickDaySubmissions],
    ['--citizens', clickDayCitizens],
    ['--click-day-clients', clickDayClients],
    ['--pgbench-seconds', pgbenchSeconds],
  ] as const) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: must be a positive whole number`);
  }
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dataDir = mkdtempSync(join(tmpdir(), 'sportello-bench-'));
  await resetSchema(url);
  const loadBefore = loadavg().map(round);
  const tokens = await tokenIssuer(dataDir);
  if (values['lifecycles-only'] || values['cpu-profile']) {
    await lifecyclesOnly({ url, dataDir, workers, total, tokens, loadBefore, profile: values['cpu-profile'] ?? false, label: values.label });
    if (!values.keep) await resetSchema(url);
    return;
  }
  const app = await startApp(url, dataDir, workers);
  const { child, http } = app;
  let result;
  try {
    const life = await lifecycles(http, tokens.issue, total, undefined, app.pids, url);
    const click = await clickDay({
      base: http.base,
      issue: tokens.issue,
      url,
      schema: SCHEMA,
      submissions: clickDaySubmissions,
      citizens: clickDayCitizens,
      inFlight: clickDayClients,
    });
    const seedSeconds = await seedAll(url, openTasks);
    const read = await reads(http, tokens.issue, url, requests);
    const worst = Math.max(...Object.values(read.results).map((r) => r.p95));
    await stopApp(child);
    const ceiling = await pgbenchCeiling(url, CLIENTS, pgbenchSeconds);
    const engine = engineFigure();
    result = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadavg().map(round) },
      appProcesses: workers,
      lifecycles: { ...life, appProcesses: workers },
      clickDay: { ...click, appProcesses: workers },
      ceiling: { engineLifecyclesPerSec: engine, pgbench: ceiling },
      ratios: {
        httpVsEngine: engine ? round(life.lifecyclesPerSec / engine) : null,
        engineVsPgbench: engine ? round(engine / ceiling.lifecyclesPerSec) : null,
        targets: { httpVsEngine: 0.5, engineVsPgbench: 0.4, clickDayErrors: 0 },
      },
      seed: { openTasks, offices: OFFICES.length, citizens: Math.max(1, Math.floor(openTasks / 20)), seconds: seedSeconds, deepCursorDepth: read.depth },
      reads: { requestsEach: requests, results: read.results },
      target: { p95Ms: TARGET_P95_MS, worstP95Ms: worst, met: worst <= TARGET_P95_MS },
    };
  } finally {
    await tokens.close();
    await stopApp(child);
    rmSync(dataDir, { recursive: true, force: true });
    if (!values.keep) await resetSchema(url);
  }
  const file = join(ROOT, 'bench/results/platform.json');
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { runs?: Record<string, unknown> }) : {};
  writeFileSync(file, `${JSON.stringify({ runs: { ...(previous.runs ?? {}), [String(openTasks)]: result } }, null, 2)}\n`);

  const ms = (n: number) => n.toFixed(1).padStart(8);
  const c = result.clickDay;
  const lines = [
    `app processes: ${workers} (load average before ${result.machine.loadAverageBefore.join(' ')}, after ${result.machine.loadAverageAfter.join(' ')})`,
    `platform lifecycle over HTTP (file → find → claim → complete → read), ${CLIENTS} clients: ${result.lifecycles.lifecyclesPerSec} lifecycles/s (${total} in ${result.lifecycles.seconds} s)`,
    `${'call'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`,
    ...Object.entries(result.lifecycles.calls).map(([k, v]) => `${k.padEnd(44)} ${ms(v.p50)} ${ms(v.p95)}`),
    '',
    `click day: ${c.submissions} filings by ${c.citizens} citizens, ${c.inFlight} in flight: ${c.submissionsPerSec}/s, ${c.acknowledged} acknowledged, ${c.errors} errors, p50 ${c.latencyMs.p50} p95 ${c.latencyMs.p95} p99 ${c.latencyMs.p99} ms; register ${c.register.entries} entries, gapless ${c.register.gapless}, numbers match ${c.register.numbersMatchCases}`,
    `pgbench ceiling (2 durable transactions per lifecycle, ${CLIENTS} clients): ${result.ceiling.pgbench.lifecyclesPerSec} lifecycles/s; engine-only ${result.ceiling.engineLifecyclesPerSec ?? '?'} lifecycles/s`,
    `ratios: HTTP/engine ${result.ratios.httpVsEngine ?? '?'} (target ≥ 0.5), engine/pgbench ${result.ratios.engineVsPgbench ?? '?'} (target ≥ 0.4)`,
    '',
    `reads with ${openTasks.toLocaleString('en')} open tasks (seeded in ${result.seed.seconds} s), ${requests} requests each, one at a time`,
    `${'read'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`,
    ...Object.entries(result.reads.results).map(([k, v]) => `${k.padEnd(44)} ${ms(v.p50)} ${ms(v.p95)}${v.p95 > TARGET_P95_MS ? '  > target' : ''}`),
    `target p95 ≤ ${TARGET_P95_MS} ms: ${result.target.met ? 'met' : `missed (worst ${result.target.worstP95Ms} ms)`}`,
    'written to bench/results/platform.json',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

/**
 * `--lifecycles-only` (implied by `--cpu-profile`): only phase 1, written to
 * bench/results/lifecycles.json under `--label` (default: the time). With `--cpu-profile` every app
 * process (primary and workers) is profiled during the measured lifecycles (not start-up, not
 * warm-up) and the summary (CPU ms per lifecycle, top functions) goes with the result.
 */
async function lifecyclesOnly(o: {
  url: string;
  dataDir: string;
  workers: number;
  total: number;
  tokens: { issue(p: Principal): Promise<string>; close(): Promise<void> };
  loadBefore: number[];
  profile: boolean;
  label?: string;
}): Promise<void> {
  const profileDir = o.profile ? mkdtempSync(join(tmpdir(), 'sportello-cpu-')) : undefined;
  const app = await startApp(o.url, o.dataDir, o.workers, profileDir);
  let life: LifecycleResult;
  let profile: ProfileSummary | null = null;
  let queries = 0;
  try {
    life = await lifecycles(
      app.http,
      o.tokens.issue,
      o.total,
      profileDir ? { before: () => toggleProfiles(app, 'started'), after: () => toggleProfiles(app, 'written') } : undefined,
      app.pids,
      o.url,
    );
    if (profileDir) profile = summariseDir(profileDir, 40);
    queries = [...app.output().matchAll(/cpu profile written: \d+ \((\d+) queries\)/g)].reduce((n, m) => n + Number(m[1]), 0);
  } catch (e) {
    process.stderr.write(`app output:\n${app.tail()}\n`);
    throw e;
  } finally {
    await o.tokens.close();
    await stopApp(app.child);
    rmSync(o.dataDir, { recursive: true, force: true });
  }
  const label = o.label ?? new Date().toISOString();
  const result = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, loadAverageBefore: o.loadBefore, loadAverageAfter: loadavg().map(round) },
    appProcesses: o.workers,
    lifecycles: life,
    cpu: profile && {
      /** Samples not idle, per lifecycle: includes time runnable but waiting for a core (see appCpuMsPerLifecycle for CPU). */
      profiledBusyMsPerLifecycle: round(profile.busyMs / o.total),
      /** pg Client.query calls (statements, BEGIN and COMMIT included) per measured lifecycle, all processes. */
      queriesPerLifecycle: round(queries / o.total),
      perProcess: profile.perProcess,
      byArea: profile.byArea,
      self: profile.self.slice(0, 25),
      inclusive: profile.inclusive.slice(0, 25),
    },
  };
  const file = join(ROOT, 'bench/results/lifecycles.json');
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { runs?: Record<string, unknown> }) : {};
  writeFileSync(file, `${JSON.stringify({ runs: { ...(previous.runs ?? {}), [label]: result } }, null, 2)}\n`);
  const ms = (n: number) => n.toFixed(1).padStart(8);
  process.stdout.write(
    [
      `app processes: ${o.workers} (load average before ${result.machine.loadAverageBefore.join(' ')}, after ${result.machine.loadAverageAfter.join(' ')})`,
      `platform lifecycle over HTTP, ${CLIENTS} clients: ${life.lifecyclesPerSec} lifecycles/s (${o.total} in ${life.seconds} s), app CPU ${life.appCpuMsPerLifecycle ?? '?'} ms per lifecycle; backends waiting for a lock ${life.locks?.lockWaitingAvg ?? '?'} on average (${life.locks?.auditHeadWaitingAvg ?? '?'} for the audit head)`,
      ...Object.entries(life.calls).map(([k, v]) => `${k.padEnd(44)} ${ms(v.p50)} ${ms(v.p95)}`),
      ...(profile ? ['', `${round(queries / o.total)} queries per lifecycle`, formatSummary(profile, { n: o.total, unit: 'lifecycle' })] : []),
      `written to bench/results/lifecycles.json as "${label}"${profileDir ? `; profiles in ${profileDir}` : ''}`,
      '',
    ].join('\n'),
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
