import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { loadCitizens } from '../../src/bench/fiscal-codes';
import { databaseEnv, dropTestSchema, onPostgres, testConfig } from '../setup/test-database';
import { AppProcess, devTokens, exited, startAppProcess, stopAppProcess, workerPids } from '../support/app-process';
import { SmtpPeer } from '../support/smtp-peer';

/**
 * `npm start` with WEB_CONCURRENCY=2 on one PostgreSQL database: two worker processes behind
 * one port. The durable timers and the e-mail outbox are polled by both (every 200 ms); each
 * due timer must fire once and each e-mail be sent once. Then a worker is killed (replaced) and
 * SIGTERM stops everything. PGlite serves one process, so this runs on PostgreSQL only.
 */
const CATALOGUE = resolve(__dirname, '../fixtures/catalogue/timer-reminder');
const CASES = 30;
const IN_FLIGHT = 6;

interface PassLog {
  pid: number;
  msg: string;
  timersFired?: number;
  sent?: number;
}

const passes = (out: string): PassLog[] =>
  out
    .split('\n')
    .filter((l) => l.startsWith('{') && l.includes(' pass'))
    .map((l) => JSON.parse(l) as PassLog);

const describeOnPostgres = onPostgres() ? describe : describe.skip;
if (!onPostgres()) {
  // eslint-disable-next-line no-console
  console.info('cluster.e2e-spec: skipped on PGlite (it serves one process; set DATABASE_URL to run it)');
}

describeOnPostgres('npm start with two workers on one PostgreSQL database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sportello-cluster-'));
  const config = testConfig();
  const peer = new SmtpPeer();
  let app: AppProcess | undefined;

  beforeAll(() => peer.start());
  afterAll(async () => {
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGKILL');
      await exited(app.child);
    }
    await peer.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await dropTestSchema(config);
  });

  it('given due timers and queued e-mails, when both workers poll, then each timer fires once and each e-mail is sent once; a killed worker is replaced; SIGTERM stops all', async () => {
    // given: 30 citizens, the cluster on a catalogue whose task times out after 2 s, and an SMTP relay
    const citizens = loadCitizens(CASES);
    const tokens = await devTokens(dataDir, citizens);
    peer.delayMs = 20;
    app = await startAppProcess(
      {
        NODE_ENV: 'test',
        WEB_CONCURRENCY: '2',
        DATA_DIR: dataDir,
        ...databaseEnv(config),
        PROCESSES_DIR: join(CATALOGUE, 'processes'),
        FORMS_DIR: join(CATALOGUE, 'forms'),
        SCHEDULER_POLL_MS: '200',
        NOTIFICATIONS_POLL_MS: '200',
        SMTP_URL: peer.url,
        LOG_LEVEL: 'info',
      },
      (out) => out.includes('2 workers listening'),
    );
    const started = workerPids(app.output());
    expect(new Set(started).size).toBe(2);

    // when: 30 cases are filed, 6 at a time, and their 2-second terms run out
    let next = 0;
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < CASES) {
          const i = next++;
          const res = await fetch(`${app!.base}/api/v1/cases`, {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' },
            body: JSON.stringify({ procedureKey: 'pratica-scadenza', data: { nome: citizens[i].givenName } }),
          });
          expect(res.status).toBe(201);
          ids.push(((await res.json()) as { id: string }).id);
        }
      }),
    );
    const db = new Client({ connectionString: config.DATABASE_URL });
    await db.connect();
    try {
      await db.query(`set search_path to "${config.DATABASE_SCHEMA}"`);
      const settled = async (): Promise<boolean> => {
        const [{ open, pending }] = (
          await db.query(
            `select (select count(*)::int from case_file where closed_at is null) as open,
                    (select count(*)::int from notification_outbox where status <> 'sent') as pending`,
          )
        ).rows as Array<{ open: number; pending: number }>;
        return open === 0 && pending === 0;
      };
      const deadline = Date.now() + 60_000;
      while (!(await settled()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));

      // then: every case ended through its timer exactly once, with one "conclusa" step
      const cases = (
        await db.query(
          `select c.id, c.status,
                  (select count(*)::int from engine_item it where it.instance_id = c.instance_id and it.element_id = 'Timer_Termine' and it.status = 'end') as timers_fired,
                  (select count(*)::int from case_event e where e.case_id = c.id and e.status = 'conclusa') as closings
             from case_file c`,
        )
      ).rows as Array<{ id: string; status: string; timers_fired: number; closings: number }>;
      expect(cases.map((c) => c.id).sort()).toEqual([...ids].sort());
      for (const c of cases) expect(c).toMatchObject({ status: 'conclusa', timers_fired: 1, closings: 1 });

      // and: every queued e-mail (filed, concluded) was sent once, in one attempt
      const outbox = (await db.query(`select status, attempts, message_id from notification_outbox`)).rows as Array<{ status: string; attempts: number; message_id: string }>;
      expect(outbox).toHaveLength(CASES * 2);
      expect(outbox.every((o) => o.status === 'sent' && o.attempts === 1)).toBe(true);
      const received = peer.received.map((m) => m.messageId);
      expect(received).toHaveLength(outbox.length);
      expect(new Set(received).size).toBe(outbox.length);
    } finally {
      await db.end();
    }

    // and: the work was shared: the logs of both workers add up to each timer and e-mail once
    const log = passes(app.output());
    const firedBy = (pid: number) => log.filter((p) => p.pid === pid).reduce((n, p) => n + (p.timersFired ?? 0), 0);
    const sentBy = (pid: number) => log.filter((p) => p.pid === pid).reduce((n, p) => n + (p.sent ?? 0), 0);
    expect(firedBy(started[0]) + firedBy(started[1])).toBe(CASES);
    expect(sentBy(started[0]) + sentBy(started[1])).toBe(CASES * 2);
    expect(firedBy(started[0]) + sentBy(started[0])).toBeGreaterThan(0);
    expect(firedBy(started[1]) + sentBy(started[1])).toBeGreaterThan(0);

    // when: one worker is killed with SIGKILL
    process.kill(started[0], 'SIGKILL');
    const deadline = Date.now() + 60_000;
    while (workerPids(app.output()).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // then: the primary starts a replacement, and the service answers throughout
    const replacement = workerPids(app.output())[2];
    expect(replacement).toBeDefined();
    expect(started).not.toContain(replacement);
    expect((await fetch(`${app.base}/api/v1/procedures`)).status).toBe(200);

    // when: the primary gets SIGTERM; then it and every worker exit
    await stopAppProcess(app);
    expect(app.child.exitCode).toBe(0);
    for (const pid of [started[1], replacement]) expect(() => process.kill(pid, 0)).toThrow();
  }, 180_000); // several app boots and a burst: past jest's 60 s default on a shared machine
});
