import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { round } from './lifecycle-load';

/**
 * The bare-SQL ceiling for an engine lifecycle on this machine and database: `pgbench` (on PATH
 * with PostgreSQL) runs, per lifecycle, the two durable transactions a start and a completion
 * commit, with about the same writes: (1) insert an instance with ~1 KB of jsonb, insert its
 * item row, bump a counter row; (2) update the instance (new jsonb, version + 1) and its item.
 * No engine, no HTTP: what PostgreSQL alone does with the same commits.
 */
export interface PgbenchCeiling {
  clients: number;
  seconds: number;
  /** One pgbench "transaction" is one script run: one lifecycle, two commits. */
  lifecyclesPerSec: number;
  commitsPerSec: number;
  latencyMsAvg: number;
  command: string;
  script: string;
}

const SCRIPT = `\\set c random(1, 64)
BEGIN;
INSERT INTO bench_ceiling.instance (data, version) VALUES (jsonb_build_object('caseId', gen_random_uuid(), 'payload', repeat('x', 1000)), 0) RETURNING id AS iid \\gset
INSERT INTO bench_ceiling.item (instance_id, element_id, status) VALUES (:iid, 'Review', 'wait');
UPDATE bench_ceiling.counter SET n = n + 1 WHERE id = :c;
COMMIT;
BEGIN;
UPDATE bench_ceiling.instance SET data = jsonb_set(data, '{esito}', '"ok"'), version = version + 1 WHERE id = :iid;
UPDATE bench_ceiling.item SET status = 'end' WHERE instance_id = :iid;
COMMIT;
`;

const run = promisify(execFile);

export async function pgbenchCeiling(url: string, clients = 16, seconds = 10): Promise<PgbenchCeiling> {
  const db = new Client({ connectionString: url });
  await db.connect();
  await db.query(`drop schema if exists bench_ceiling cascade; create schema bench_ceiling;
    create table bench_ceiling.instance (id bigserial primary key, data jsonb not null, version int not null);
    create table bench_ceiling.item (id bigserial primary key, instance_id bigint not null references bench_ceiling.instance (id), element_id text not null, status text not null);
    create index on bench_ceiling.item (instance_id);
    create table bench_ceiling.counter (id int primary key, n bigint not null);
    insert into bench_ceiling.counter select g, 0 from generate_series(1, 64) g;`);
  const dir = mkdtempSync(join(tmpdir(), 'sportello-pgbench-'));
  const file = join(dir, 'lifecycle.sql');
  writeFileSync(file, SCRIPT);
  const args = ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', file, url];
  try {
    const { stdout } = await run('pgbench', args, { maxBuffer: 10_000_000 });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    const lat = /latency average = ([\d.]+) ms/.exec(stdout);
    if (!tps) throw new Error(`pgbench: no tps in its output:\n${stdout}`);
    const lifecyclesPerSec = round(Number(tps[1]));
    return { clients, seconds, lifecyclesPerSec, commitsPerSec: round(lifecyclesPerSec * 2), latencyMsAvg: round(Number(lat?.[1] ?? 0)), command: `pgbench ${args.slice(0, -2).join(' ')} lifecycle.sql <DATABASE_URL>`, script: SCRIPT };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.query('drop schema if exists bench_ceiling cascade');
    await db.end();
  }
}
