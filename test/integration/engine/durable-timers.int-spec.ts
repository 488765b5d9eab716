import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseLabel, dropTestSchema, onPostgres, testConfig } from '../../setup/test-database';
import { EngineHarness, fixture, startEngine } from './engine-harness';

const DAY = 86_400_000;
const onPostgresOnly = onPostgres() ? it : it.skip;

describe(`durable timers and locks on ${databaseLabel()}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-timers-'));
  // PGlite keeps its files in a folder, so a "restart" finds the same database.
  const config = testConfig({ PGLITE_DIR: join(dir, 'pglite'), ENGINE_LOCK_TIMEOUT_MS: '500' });
  const open: EngineHarness[] = [];
  const start = async (): Promise<EngineHarness> => {
    const h = await startEngine(config);
    open.push(h);
    return h;
  };
  const stop = async (h: EngineHarness): Promise<void> => {
    open.splice(open.indexOf(h), 1);
    await h.close();
  };

  afterAll(async () => {
    for (const h of open) await h.close();
    await dropTestSchema(config);
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a 60-day timer, when the app restarts, then it fires on day 60 exactly once and not before', async () => {
    // given
    const first = await start();
    await first.engine.deploy('timer-60-days', fixture('timer-60-days'));
    const { instance } = await first.engine.startProcess('timer-60-days', {});
    const returnedAt = Date.now();
    const timer = instance.items.find((i) => i.elementId === 'Wait60')!;
    const startedAt = instance.startedAt!.getTime();
    // Node's setTimeout would clamp this delay (> 2^31-1 ms) to 1 ms: the due time must be 60 days
    // out, from a moment between the start of the instance and the return of startProcess (not a
    // fixed second after the start: under load CI took 2 s to reach the timer, and the next test
    // then also counted this timer).
    expect(timer.timeDue!.getTime()).toBeGreaterThanOrEqual(startedAt + 60 * DAY - 1000);
    expect(timer.timeDue!.getTime()).toBeLessThanOrEqual(returnedAt + 60 * DAY);
    await stop(first);
    // when
    const second = await start();
    const day59 = await second.scheduler.tick(new Date(startedAt + 59 * DAY));
    const day60 = await second.scheduler.tick(new Date(timer.timeDue!.getTime() + 1));
    const again = await second.scheduler.tick(new Date(startedAt + 61 * DAY));
    // then
    expect(day59.timersFired).toBe(0);
    expect(day60.timersFired).toBe(1);
    expect(again.timersFired).toBe(0);
    const after = await second.engine.getInstance(instance.id);
    expect(after.items.filter((i) => i.status === 'wait').map((i) => i.elementId)).toEqual(['After']);
    await stop(second);
  });

  onPostgresOnly('given two app processes on one database, when both poll on day 60, then each timer fires once', async () => {
    // given
    const a = await start();
    const b = await start();
    await a.engine.deploy('timer-60-days', fixture('timer-60-days'));
    const started = await Promise.all([1, 2, 3, 4, 5].map(() => a.engine.startProcess('timer-60-days', {})));
    const due = Math.max(...started.map((s) => s.instance.items.find((i) => i.elementId === 'Wait60')!.timeDue!.getTime()));
    // when
    const [ra, rb] = await Promise.all([a.scheduler.tick(new Date(due + 1)), b.scheduler.tick(new Date(due + 1))]);
    const [la, lb] = await Promise.all([a.scheduler.tick(new Date(due + 1)), b.scheduler.tick(new Date(due + 1))]);
    // then
    expect(ra.timersFired + rb.timersFired + la.timersFired + lb.timersFired).toBe(5);
    for (const s of started) {
      const inst = await b.engine.getInstance(s.instance.id);
      expect(inst.items.filter((i) => i.elementId === 'After')).toHaveLength(1);
    }
    await stop(a);
    await stop(b);
  });

  onPostgresOnly('given a lock holder that dies, when another process completes the task, then it waits no longer than the lock timeout', async () => {
    // given
    const h = await start();
    await h.engine.deploy('user-task', fixture('user-task'));
    const { instance } = await h.engine.startProcess('user-task', {});
    const task = instance.items.find((i) => i.elementId === 'Review')!;
    const holder = new Client({ connectionString: config.DATABASE_URL });
    await holder.connect();
    await holder.query('begin');
    await holder.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [instance.id]);
    // when: the instance is held
    await expect(h.engine.completeItem(task.id, {})).rejects.toMatchObject({ code: 'ENGINE_LOCK_TIMEOUT' });
    // and the holder dies without committing
    await holder.end();
    // then
    const done = await h.engine.completeItem(task.id, {});
    expect(done.instance.status).toBe('end');
    await stop(h);
  });
});
