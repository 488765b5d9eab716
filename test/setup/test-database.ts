import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { AppConfig, loadConfig } from '../../src/config';
import { pgliteTemplatePath } from './pglite-template';

export const onPostgres = (): boolean => Boolean(process.env.DATABASE_URL);
export const databaseLabel = (): string => (onPostgres() ? 'PostgreSQL' : 'PGlite');

/**
 * A configuration for one test file: on PostgreSQL a schema of its own (dropped by
 * `dropTestSchema`), on PGlite an in-memory database started from the migrated template when the
 * global setup built one. Background loops are off unless asked for.
 */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const schema = `t_${process.pid}_${randomBytes(3).toString('hex')}`;
  const template = onPostgres() ? undefined : pgliteTemplatePath();
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: process.env.DATABASE_URL,
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

export async function dropTestSchema(config: AppConfig): Promise<void> {
  if (!config.DATABASE_URL || config.DATABASE_SCHEMA === 'public') return;
  const client = new Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${config.DATABASE_SCHEMA}" cascade`);
  } finally {
    await client.end();
  }
}
