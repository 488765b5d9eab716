import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dropTestSchema, testConfig } from '../setup/test-database';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/main.js');

const freePort = (): Promise<number> =>
  new Promise((ok) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });

async function waitFor(url: string, child: ChildProcess, output: () => string): Promise<Response> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${output()}`);
    try {
      return await fetch(url);
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`app did not answer ${url}:\n${output()}`);
}

describe('npm start (node dist/main.js)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sportello-e2e-'));
  const config = testConfig();
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await dropTestSchema(config);
    // the schema the app made in the shared database
    if (process.env.DATABASE_URL) await dropTestSchema({ ...config, DATABASE_URL: process.env.DATABASE_URL });
  });

  it('given a fresh data folder, when the app starts, then it serves the shipped catalogue', async () => {
    // given
    const port = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      // From nothing, as on a new server: the shared database (not the test's migrated copy) and
      // no PGlite template, so the start runs every migration.
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      DATABASE_SCHEMA: config.DATABASE_SCHEMA,
      SCHEDULER_ENABLED: 'true',
      LOG_LEVEL: 'warn',
    };
    let out = '';
    const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env });
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      // when
      const res = await waitFor(`http://127.0.0.1:${port}/api/v1/procedures`, child, () => out);
      // then
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: Array<{ key: string }>; total: number };
      expect(body.items.map((p) => p.key)).toEqual(
        expect.arrayContaining(['certificato-residenza', 'iscrizione-nido', 'occupazione-suolo-pubblico']),
      );
      const missing = await fetch(`http://127.0.0.1:${port}/api/v1/procedures/non-esiste`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });

  it('given a wrong variable, when the app starts, then it stops naming the variable', () => {
    // when
    const run = spawnSync(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { ...process.env, PORT: 'ottanta', DATABASE_URL: 'mysql://x' },
      encoding: 'utf8',
    });
    // then
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT: must be a whole number');
    expect(run.stderr).toContain('DATABASE_URL: not a postgres:// URL');
  });
});
