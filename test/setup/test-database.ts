import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { AppConfig, loadConfig } from '../../src/config';
import { cloneTemplate, databaseOf, dropDatabase, pgTemplateName, withDatabase } from './pg-template';
import { pgliteTemplatePath } from './pglite-template';

export const onPostgres = (): boolean => Boolean(process.env.DATABASE_URL);
export const databaseLabel = (): string => (onPostgres() ? 'PostgreSQL' : 'PGlite');

/**
 * A configuration for one test file: on PostgreSQL a database and schema of its own, copied from
 * the migrated template when the global setup built one (test/setup/pg-template.ts), else a new
 * schema the app migrates (both dropped by `dropTestSchema`); on PGlite an in-memory database
 * started from the migrated template when the global setup built one. Background loops are off
 * unless asked for.
 */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const schema = `t_${process.pid}_${randomBytes(3).toString('hex')}`;
  const shared = process.env.DATABASE_URL;
  const template = shared ? undefined : pgliteTemplatePath();
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: shared ? postgresDatabase(shared, schema) : undefined,
    DATABASE_SCHEMA: onPostgres() ? schema : 'public',
    DATABASE_POOL_SIZE: '8',
    PGLITE_DIR: 'memory://',
    // Built by the global setup (test/setup/pglite-template.ts): a database already migrated.
    ...(template && existsSync(template) ? { PGLITE_TEMPLATE: template } : {}),
    DATA_DIR: '.test-data',
    CATALOGUE_LOAD: 'false',
    SCHEDULER_ENABLED: 'false',
    WEBHOOKS_ENABLED: 'false',
    PAYMENTS_JOBS_ENABLED: 'false',
    ...overrides,
  });
}

/** A copy of the template named after the schema, or (no template) the shared database itself. */
function postgresDatabase(url: string, schema: string): string {
  const database = `test_${schema}`;
  return cloneTemplate(url, pgTemplateName(), database, schema) ? withDatabase(url, database) : url;
}

/**
 * The database variables for an app process (`dist/main.js`) on a test configuration's database:
 * on PostgreSQL its own database (a copy of the template) as well as its schema; on PGlite the
 * migrated template its new data directory starts from (no initdb and migrations at every boot).
 */
export const databaseEnv = (config: AppConfig): Record<string, string> => ({
  ...(config.DATABASE_URL ? { DATABASE_URL: config.DATABASE_URL } : {}),
  ...(config.PGLITE_TEMPLATE ? { PGLITE_TEMPLATE: config.PGLITE_TEMPLATE } : {}),
  DATABASE_SCHEMA: config.DATABASE_SCHEMA,
});

export async function dropTestSchema(config: AppConfig): Promise<void> {
  if (!config.DATABASE_URL || config.DATABASE_SCHEMA === 'public') return;
  const shared = process.env.DATABASE_URL;
  if (shared && databaseOf(config.DATABASE_URL) !== databaseOf(shared)) {
    await dropDatabase(shared, databaseOf(config.DATABASE_URL));
    return;
  }
  const client = new Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${config.DATABASE_SCHEMA}" cascade`);
  } finally {
    await client.end();
  }
}
