import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config';
import { MIGRATIONS } from './migrations';

export interface ConnectionTarget {
  url?: string;
  host?: string;
  port?: number;
  user?: string;
  database?: string;
  /** PGlite has a single backend. */
  embedded: boolean;
}

export function dataSourceOptions(config: AppConfig, target: ConnectionTarget): DataSourceOptions {
  const schema = config.DATABASE_SCHEMA;
  return {
    type: 'postgres',
    ...(target.url
      ? { url: target.url }
      : { host: target.host, port: target.port, username: target.user, database: target.database }),
    schema,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'schema_migration',
    migrations: MIGRATIONS,
    entities: [],
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    extra: {
      max: target.embedded ? 1 : config.DATABASE_POOL_SIZE,
      // PGlite's one backend outlives a pg client: if the pool closed its idle client (pg-pool's
      // default after 10 s), the next client would not know the named statements the backend still
      // holds (Transactions.prepared) and fail with 42P05. The one client is kept for good.
      ...(target.embedded ? { idleTimeoutMillis: 0 } : {}),
      // Every session works in the configured schema, so tests can isolate by schema.
      // lock_timeout bounds every wait on a row or an instance lock (engine operations included).
      options: `-c search_path=${schema},public -c timezone=UTC -c lock_timeout=${config.ENGINE_LOCK_TIMEOUT_MS}`,
      application_name: 'sportello',
    },
  };
}
