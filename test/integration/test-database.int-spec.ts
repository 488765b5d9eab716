import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource, Migration } from 'typeorm';
import { MIGRATIONS } from '../../src/database/migrations';
import { runMigrations } from '../../src/database/migrator';
import { cloneTemplate, databaseOf, ensurePgTemplate, pgTemplateName, TEMPLATE_SCHEMA, withDatabase } from '../setup/pg-template';
import { databaseLabel, dropTestSchema, onPostgres, testConfig } from '../setup/test-database';

/** The test harness's own database set-up: the migrated PostgreSQL template and its copies. */
describe(`test database template on ${databaseLabel()}`, () => {
  const MIGRATIONS_DIR = join(__dirname, '..', '..', 'src', 'database', 'migrations');

  it('given the migration files, when one is added or changed, then the template gets another name', () => {
    // given
    const dir = mkdtempSync(join(tmpdir(), 'sportello-migrations-'));
    try {
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      const original = pgTemplateName(dir);
      // when
      writeFileSync(join(dir, '1999999999999-Added.ts'), 'export class Added1999999999999 {}\n');
      const added = pgTemplateName(dir);
      writeFileSync(join(dir, '1999999999999-Added.ts'), 'export class Added1999999999999 { changed = true; }\n');
      const changed = pgTemplateName(dir);
      // then
      expect(original).toBe(pgTemplateName(MIGRATIONS_DIR));
      expect(original).toMatch(/^test_tpl_[0-9a-f]{16}$/);
      expect(new Set([original, added, changed]).size).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const describeOnPostgres = onPostgres() ? describe : describe.skip;
if (!onPostgres()) {
  // eslint-disable-next-line no-console
  console.info('test-database.int-spec: the template database part is skipped on PGlite (set DATABASE_URL to run it)');
}

describeOnPostgres('test databases copied from the PostgreSQL template', () => {
  const shared = process.env.DATABASE_URL ?? '';
  const connect = async (url: string): Promise<Client> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    return client;
  };
  const query = async <T extends object>(url: string, sql: string): Promise<T[]> => {
    const client = await connect(url);
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const databaseExists = async (name: string): Promise<boolean> =>
    (await query<{ n: number }>(shared, `select count(*)::int as n from pg_database where datname = '${name}'`))[0].n === 1;

  it('given two test configurations, then each has a database of its own, every migration applied in its own schema, and writes in one are not seen in the other', async () => {
    // given
    const first = testConfig();
    const second = testConfig();
    try {
      // then
      for (const config of [first, second]) {
        expect(databaseOf(config.DATABASE_URL!)).toBe(`test_${config.DATABASE_SCHEMA}`);
        const schemas = await query<{ nspname: string }>(config.DATABASE_URL!, `select nspname from pg_namespace where nspname in ('${config.DATABASE_SCHEMA}', '${TEMPLATE_SCHEMA}')`);
        expect(schemas.map((s) => s.nspname)).toEqual([config.DATABASE_SCHEMA]);
        const applied = await query<{ name: string }>(config.DATABASE_URL!, `select name from "${config.DATABASE_SCHEMA}".schema_migration order by id`);
        expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
      }
      await query(first.DATABASE_URL!, `create table "${first.DATABASE_SCHEMA}".only_in_first (v int)`);
      const seen = await query<{ n: number }>(second.DATABASE_URL!, `select count(*)::int as n from pg_tables where tablename = 'only_in_first'`);
      expect(seen[0].n).toBe(0);
    } finally {
      await dropTestSchema(first);
      await dropTestSchema(second);
    }
  });

  it('given a test database with an open connection, when the test drops it, then the database is gone', async () => {
    // given
    const config = testConfig();
    const left = await connect(config.DATABASE_URL!);
    left.on('error', () => undefined); // the drop ends this session
    // when
    await dropTestSchema(config);
    // then
    expect(await databaseExists(databaseOf(config.DATABASE_URL!))).toBe(false);
    await left.end().catch(() => undefined);
  });

  it('given no template of that name, when a copy is asked for, then none is made and the caller is told', async () => {
    // when
    const made = cloneTemplate(shared, `test_tpl_absent_${randomBytes(4).toString('hex')}`, `test_never_${randomBytes(4).toString('hex')}`, 'never');
    // then
    expect(made).toBe(false);
  });

  it('given two runs building one template at once, then the migrations run once and the template takes no connections', async () => {
    // given
    const name = `test_tpl_probe_${randomBytes(4).toString('hex')}`;
    let migrated = 0;
    const counting = async (ds: DataSource, schema: string, embedded: boolean): Promise<Migration[]> => {
      migrated += 1;
      return runMigrations(ds, schema, embedded);
    };
    try {
      // when
      const built = await Promise.all([ensurePgTemplate(shared, name, counting), ensurePgTemplate(shared, name, counting)]);
      // then
      expect(built).toEqual([name, name]);
      expect(migrated).toBe(1);
      const [row] = await query<{ datallowconn: boolean; datistemplate: boolean }>(shared, `select datallowconn, datistemplate from pg_database where datname = '${name}'`);
      expect(row).toEqual({ datallowconn: false, datistemplate: true });
      expect(await databaseExists(`${name}_build`)).toBe(false);
      await expect(query(withDatabase(shared, name), 'select 1')).rejects.toThrow(/not currently accepting connections/);
    } finally {
      if (await databaseExists(name)) {
        await query(shared, `alter database "${name}" with is_template false`);
        await query(shared, `drop database "${name}"`);
      }
      await query(shared, `drop database if exists "${name}_build"`);
    }
  });
});
