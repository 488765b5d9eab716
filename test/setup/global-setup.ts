import { ensurePgTemplate } from './pg-template';
import { ensurePgliteTemplate } from './pglite-template';

/**
 * Builds the migrated template every test file's database starts from (once per change of the
 * migrations), on PGlite a data-directory tarball, on PostgreSQL a template database. On
 * PostgreSQL, refuses to run against any database whose name lacks "test": integration tests
 * create and drop schemas and databases freely.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    await ensurePgliteTemplate();
    return;
  }
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!/test/i.test(name)) {
    throw new Error(`DATABASE_URL points at database "${name}", whose name lacks "test": refusing to run tests on it`);
  }
  await ensurePgTemplate(url);
}
