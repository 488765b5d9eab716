import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { fork } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { LoggingModule } from '../common/logging.module';
import { ConfigModule, loadConfig } from '../config';
import { DatabaseModule } from '../database';
import { EngineModule, EngineService } from '../modules/engine';
import { LoadResult, round, runLoad } from './lifecycle-load';

/**
 * `npm run bench:engine`: start → user task → complete → end lifecycles on PostgreSQL with our
 * engine, sequential and 16 in flight, against stock bpmn-server 2.3.8 on an in-memory store in
 * a child process, in the same run. CPU counts this process and the PostgreSQL server's
 * processes (read from /proc), since both share the machine's cores.
 */
const ROOT = resolve(__dirname, '../..');
const XML = join(ROOT, 'bench/fixtures/lifecycle.bpmn');
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 300);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 2000);

function postgresCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // process ended meanwhile
    }
  }
  return ticks * 10; // CLK_TCK = 100
}

async function measureOurs(): Promise<{ sequential: LoadResult; concurrent: LoadResult & { dbCpuMsPerLifecycle: number } }> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = 'bench_engine';
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
  const config = loadConfig({
    DATABASE_URL: url,
    DATABASE_SCHEMA: schema,
    DATABASE_POOL_SIZE: '16',
    LOG_LEVEL: 'silent',
    SCHEDULER_ENABLED: 'false',
    CATALOGUE_LOAD: 'false',
  });
  const app = await NestFactory.createApplicationContext(
    { module: class BenchModule {}, imports: [ConfigModule.forConfig(config), LoggingModule, DatabaseModule, EngineModule] },
    { logger: false },
  );
  const engine = app.get(EngineService);
  await engine.deploy('lifecycle', readFileSync(XML, 'utf8'));
  const lifecycle = async (): Promise<void> => {
    const { instance } = await engine.startProcess('lifecycle', { caseId: 'bench' });
    const task = instance.items.find((i) => i.elementId === 'Review' && i.status === 'wait');
    if (!task) throw new Error('no waiting task');
    const done = await engine.completeItem(task.id, { esito: 'ok' });
    if (done.instance.status !== 'end') throw new Error('lifecycle did not end');
  };
  await runLoad(50, 4, lifecycle); // warm-up: JIT, parsed-definition cache, pool
  const sequential = await runLoad(SEQUENTIAL, 1, lifecycle);
  const db0 = postgresCpuMs();
  const concurrent = await runLoad(CONCURRENT, 16, lifecycle);
  const dbCpuMsPerLifecycle = round((postgresCpuMs() - db0) / CONCURRENT);
  await app.close();
  return { sequential, concurrent: { ...concurrent, dbCpuMsPerLifecycle } };
}

function measureReference(): Promise<{ sequential: LoadResult; concurrent: LoadResult }> {
  return new Promise((resolvePromise, reject) => {
    const worker = join(__dirname, '../modules/engine/bench/stock-reference.worker.js');
    const child = fork(worker, [XML, String(Math.ceil(SEQUENTIAL / 3)), String(Math.ceil(CONCURRENT / 5))], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`reference worker failed (exit ${code}): ${out}`));
      resolvePromise(JSON.parse(line) as { sequential: LoadResult; concurrent: LoadResult });
    });
  });
}

async function main(): Promise<void> {
  const reference = await measureReference();
  const ours = await measureOurs();
  const oursTotalCpu = ours.concurrent.cpuMsPerLifecycle + ours.concurrent.dbCpuMsPerLifecycle;
  const result = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    ours: {
      lifecyclesPerSec: ours.concurrent.lifecyclesPerSec,
      cpuMsPerLifecycle: ours.concurrent.cpuMsPerLifecycle,
      dbCpuMsPerLifecycle: ours.concurrent.dbCpuMsPerLifecycle,
      sequential: ours.sequential,
      concurrent16: ours.concurrent,
    },
    reference: {
      lifecyclesPerSec: reference.concurrent.lifecyclesPerSec,
      cpuMsPerLifecycle: reference.concurrent.cpuMsPerLifecycle,
      sequential: reference.sequential,
      concurrent16: reference.concurrent,
    },
    /** Throughput per core: reference CPU per lifecycle over ours (app + PostgreSQL). */
    ratio: round(reference.concurrent.cpuMsPerLifecycle / oursTotalCpu),
    throughputRatio: round(ours.concurrent.lifecyclesPerSec / reference.concurrent.lifecyclesPerSec),
  };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/engine.json'), `${JSON.stringify(result, null, 2)}\n`);
  const row = (name: string, r: LoadResult, db = '') =>
    `${name.padEnd(34)} ${String(r.lifecyclesPerSec).padStart(10)} ${String(r.cpuMsPerLifecycle).padStart(12)} ${db.padStart(10)}`;
  process.stdout.write(
    [
      `${'engine lifecycle (start → task → complete)'.padEnd(34)} ${'per sec'.padStart(10)} ${'app CPU ms'.padStart(12)} ${'db CPU ms'.padStart(10)}`,
      row('ours, PostgreSQL, sequential', ours.sequential),
      row('ours, PostgreSQL, 16 in flight', ours.concurrent, String(ours.concurrent.dbCpuMsPerLifecycle)),
      row('stock 2.3.8, in-memory, sequential', reference.sequential),
      row('stock 2.3.8, in-memory, 16 in flight', reference.concurrent),
      `per-core ratio (CPU): ${result.ratio}×   throughput ratio: ${result.throughputRatio}×`,
      'written to bench/results/engine.json',
      '',
    ].join('\n'),
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
