import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Bench-only preload (`node --require dist/bench/cpu-profile.js`), never loaded by the app itself:
 * SIGWINCH starts V8's CPU profiler in this process, the next SIGWINCH stops it and writes
 * `<BENCH_CPU_PROFILE_DIR>/<pid>.cpuprofile`. The platform bench sends the signals to every app
 * process around the measured lifecycles, so the profile covers exactly the measured window
 * (`node --cpu-prof` would also take start-up and warm-up, and writes nothing when Nest's shutdown
 * hook re-raises SIGTERM). SIGWINCH because its default is to be ignored and Nest's shutdown hooks
 * take SIGUSR2.
 */
const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  let running = false;
  // Statements sent while profiling (pg's Client.query), to relate the profile to the statement budgets.
  let queries = 0;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as { Client: { prototype: { query: (...a: unknown[]) => unknown } } };
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...a: unknown[]) {
    if (running) queries++;
    return query.apply(this, a);
  };
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((ok, fail) => session.post(method, params ?? {}, (err, result) => (err ? fail(err) : ok(result))));
  process.on('SIGWINCH', () => {
    const step = running
      ? post('Profiler.stop').then((r) => {
          writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify((r as { profile: unknown }).profile));
          process.stdout.write(`cpu profile written: ${process.pid} (${queries} queries)\n`);
        })
      : ((queries = 0), post('Profiler.enable'))
          .then(() => post('Profiler.setSamplingInterval', { interval: 1000 }))
          .then(() => post('Profiler.start'))
          .then(() => process.stdout.write(`cpu profile started: ${process.pid}\n`));
    running = !running;
    step.catch((e: unknown) => process.stderr.write(`cpu profile: ${String(e)}\n`));
  });
}
