import { NestFactory } from '@nestjs/core';
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { ConfigModule, loadConfig } from '../../src/config';
import { IdentityModule, Principal, TokenService } from '../../src/modules/identity';

/** The built app (`npm run build`) run as a real OS process, as `npm start` runs it. */
const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/main.js');

export interface AppProcess {
  child: ChildProcess;
  base: string;
  output: () => string;
}

export const freePort = (): Promise<number> =>
  new Promise((ok) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });

export const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));

/** Starts dist/main.js with `env` on a free port; resolves once `ready(output)` holds and a procedure is served. */
export async function startAppProcess(env: Record<string, string>, ready: (out: string) => boolean = () => true): Promise<AppProcess> {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { ...process.env, WEB_CONCURRENCY: '1', ...env, PORT: String(port), HOST: '127.0.0.1' } });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${base}/api/v1/procedures`);
      if (res.status === 200 && ready(out)) return { child, base, output: () => out };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`app did not become ready:\n${out}`);
}

export async function stopAppProcess(app: AppProcess): Promise<void> {
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), 25_000);
  await exited(app.child);
  clearTimeout(timer);
}

/** Bearer tokens signed with the dev key the app processes use (same DATA_DIR). */
export async function devTokens(dataDir: string, principals: Principal[]): Promise<string[]> {
  const ctx = await NestFactory.createApplicationContext(
    { module: class AppProcessTokensModule {}, imports: [ConfigModule.forConfig(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, AUTH_MODE: 'dev-keys', AUTH_TOKEN_TTL_S: '86400' })), IdentityModule] },
    { logger: false },
  );
  try {
    const tokens = ctx.get(TokenService);
    return await Promise.all(principals.map((p) => tokens.issue(p)));
  } finally {
    await ctx.close();
  }
}

/** Worker pids a cluster primary's workers announced ("Sportello listening ... (worker <pid>)"). */
export const workerPids = (out: string): number[] => [...out.matchAll(/\(worker (\d+)\)/g)].map((m) => Number(m[1]));
