import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { dataSourceOptions } from '../../src/database/data-source.options';
import { runMigrations } from '../../src/database/migrator';
import { migrationsDigest } from './pglite-template';

/**
 * On PostgreSQL, a database with every migration applied (in schema TEMPLATE_SCHEMA), built once by
 * the global setup: each test configuration gets a database of its own copied from it
 * (`CREATE DATABASE ... TEMPLATE`, a file copy) with the schema renamed to the file's own, instead
 * of migrating a new schema under the global migration lock while the other files wait. Its name
 * carries a digest of the migrations, so a changed or added migration makes a new one; branches
 * with different migrations on one server use different templates.
 */
export const TEMPLATE_SCHEMA = 'template_schema';
const CLONE_SCRIPT = join(__dirname, 'pg-clone.js');

export const pgTemplateName = (migrationsDir?: string): string => `test_tpl_${migrationsDigest(migrationsDir)}`;

/** `url` with its database replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export const databaseOf = (url: string): string => decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));

/**
 * Builds the template unless it is there already; returns its name. Concurrent runs (the team
 * shares one server) build it once: the check and the build hold an advisory lock named after it,
 * and it is built under a temporary name and renamed only when complete.
 */
export async function ensurePgTemplate(url: string, name: string = pgTemplateName(), migrate = runMigrations): Promise<string> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
    const existing = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (existing.rowCount) return name;
    const build = `${name}_build`;
    await admin.query(`drop database if exists "${build}" with (force)`);
    await admin.query(`create database "${build}"`);
    const buildUrl = withDatabase(url, build);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: buildUrl, DATABASE_SCHEMA: TEMPLATE_SCHEMA });
    const ds = new DataSource(dataSourceOptions(config, { url: buildUrl, embedded: false }));
    try {
      await ds.initialize();
      await migrate(ds, TEMPLATE_SCHEMA, false);
    } finally {
      if (ds.isInitialized) await ds.destroy();
    }
    await admin.query(`alter database "${build}" rename to "${name}"`);
    // Nobody connects to it: a connection would make every copy of it fail.
    await admin.query(`alter database "${name}" with is_template true allow_connections false`);
    return name;
  } finally {
    await admin.query('select pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
    await admin.end();
  }
}

/**
 * Synchronously (test configurations are made while jest collects tests) creates `database` as a
 * copy of `template` and renames its schema to `schema`. Returns false when there is no template
 * (the global setup did not run), so the caller migrates a schema of its own as before.
 */
export function cloneTemplate(url: string, template: string, database: string, schema: string): boolean {
  const run = spawnSync(process.execPath, [CLONE_SCRIPT, url, template, database, TEMPLATE_SCHEMA, schema], { encoding: 'utf8', timeout: 120_000 });
  if (run.status === 0) return true;
  if (run.status === 3) return false;
  throw new Error(`copying the test database template ${template} to ${database} failed (status ${run.status}, ${run.signal ?? 'no signal'}): ${run.stderr}`);
}

/** Drops a database made by `cloneTemplate`, closing any connection left to it. */
export async function dropDatabase(url: string, database: string): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${database}" with (force)`);
  } finally {
    await admin.end();
  }
}
