import cluster, { Worker } from 'node:cluster';

/** How long SIGTERM waits for workers to drain before they are killed. */
const STOP_GRACE_MS = 20_000;
/** A worker that served at least this long before dying is restarted at once; one dying sooner, after a pause. */
const RESTART_PAUSE_MS = 1_000;
const STABLE_MS = 10_000;

const say = (line: string): void => void process.stdout.write(`[primary ${process.pid}] ${line}\n`);

/**
 * The primary process of `npm start` with WEB_CONCURRENCY > 1: it serves nothing itself, it runs
 * `workers` app processes sharing the HTTP port (Node's cluster module) and keeps them running.
 * - A worker that dies before it ever listened is a start-up failure (bad config, database down,
 *   invalid catalogue): restarting cannot fix it, so all workers are stopped and the primary exits 1.
 * - A worker that dies after it listened (a crash, kill -9, out of memory) is replaced.
 * - SIGTERM / SIGINT stop every worker (each drains and closes as a single process does) and exit.
 * Migrations and the catalogue deploy serialise themselves across processes in the database.
 */
export function runPrimary(workers: number): void {
  let stopping = false;
  let exitCode = 0;
  const alive = (): Worker[] => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
  const listening = new Set<number>();
  const startedAt = new Map<number, number>();

  const fork = (): Worker => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    return worker;
  };

  cluster.on('listening', (worker) => {
    listening.add(worker.id);
    if (listening.size === workers) say(`${workers} workers listening`);
  });

  cluster.on('exit', (worker, code, signal) => {
    const served = listening.delete(worker.id);
    const lifetime = Date.now() - (startedAt.get(worker.id) ?? Date.now());
    startedAt.delete(worker.id);
    if (stopping) {
      if (alive().length === 0) process.exit(exitCode);
      return;
    }
    if (!served) {
      process.stderr.write(`[primary ${process.pid}] worker ${worker.process.pid} failed to start (${signal ?? `exit ${code}`}): stopping\n`);
      stopAll(1);
      return;
    }
    say(`worker ${worker.process.pid} died (${signal ?? `exit ${code}`}): starting a replacement`);
    setTimeout(() => !stopping && fork(), lifetime < STABLE_MS ? RESTART_PAUSE_MS : 0);
  });

  const stopAll = (code: number): void => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    const running = alive();
    if (running.length === 0) process.exit(exitCode);
    for (const w of running) w.process.kill('SIGTERM');
    setTimeout(() => {
      for (const w of alive()) w.process.kill('SIGKILL');
      process.exit(exitCode);
    }, STOP_GRACE_MS).unref();
  };

  process.on('SIGTERM', () => stopAll(0));
  process.on('SIGINT', () => stopAll(0));
  say(`starting ${workers} workers`);
  for (let i = 0; i < workers; i++) fork();
}
