import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { dataSourceOptions } from '../../src/database/data-source.options';
import { runMigrations } from '../../src/database/migrator';

/**
 * A PGlite data directory with every migration applied, as a tarball under .test-data: each test
 * file's embedded database starts from it (PGLITE_TEMPLATE) instead of running initdb and every
 * migration again. Its name carries a digest of the migrations and of the PGlite version, so a
 * changed or added migration makes a new one.
 */
const ROOT = join(__dirname, '..', '..');
const CACHE_DIR = join(ROOT, '.test-data');
const MIGRATIONS_DIR = join(ROOT, 'src', 'database', 'migrations');
const PREFIX = 'pglite-template-';

/** 16 hex digits naming the migrations (their file names and contents) and anything else in `extra`. */
export function migrationsDigest(dir: string = MIGRATIONS_DIR, extra = ''): string {
  const digest = createHash('sha256').update(extra);
  for (const name of readdirSync(dir).sort()) digest.update(`\0${name}\0`).update(readFileSync(join(dir, name)));
  return digest.digest('hex').slice(0, 16);
}

export function pgliteTemplatePath(): string {
  const pgliteVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string }).version;
  return join(CACHE_DIR, `${PREFIX}${migrationsDigest(MIGRATIONS_DIR, pgliteVersion)}.tar`);
}

/** Builds the template unless it is there already; returns its path. */
export async function ensurePgliteTemplate(): Promise<string> {
  const path = pgliteTemplatePath();
  if (existsSync(path)) return path;
  const db = new PGlite();
  await db.waitReady;
  const socketDir = mkdtempSync(join(tmpdir(), 'sportello-pg-template-'));
  const server = new PGLiteSocketServer({ db, path: join(socketDir, '.s.PGSQL.5432') });
  await server.start();
  const ds = new DataSource(
    dataSourceOptions(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PGLITE_DIR: 'memory://' }), { host: socketDir, port: 5432, user: 'postgres', database: 'postgres', embedded: true }),
  );
  try {
    await ds.initialize();
    await runMigrations(ds, 'public', true);
    await ds.destroy();
    const tarball = await db.dumpDataDir('none');
    mkdirSync(CACHE_DIR, { recursive: true });
    for (const old of readdirSync(CACHE_DIR).filter((n) => n.startsWith(PREFIX))) rmSync(join(CACHE_DIR, old), { force: true });
    // Written aside, then renamed: a concurrent run never reads half a file.
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.from(await tarball.arrayBuffer()));
    renameSync(temp, path);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await server.stop();
    await db.close();
    rmSync(socketDir, { recursive: true, force: true });
  }
  return path;
}
