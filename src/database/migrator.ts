import { DataSource, Migration } from 'typeorm';

const MIGRATION_LOCK = 0x5350_4f52; // "SPOR": serialises migrations across app processes

/** Creates the schema if needed and applies pending migrations, one process at a time. */
export async function runMigrations(ds: DataSource, schema: string, embedded: boolean): Promise<Migration[]> {
  await ds.query(`create schema if not exists "${schema}"`);
  if (embedded) return ds.runMigrations({ transaction: 'each' });
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await ds.runMigrations({ transaction: 'each' });
  } finally {
    await qr.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await qr.release();
  }
}
