import { PGlite } from '@electric-sql/pglite';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { pgliteTemplatePath } from '../setup/pglite-template';

/** PGLITE_TEMPLATE: a new embedded database starts from a data-directory tarball; an existing one ignores it. */
describe('embedded PGlite started from a template', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-template-'));
  const template = join(dir, 'template.tar');
  const marks = async (db: EmbeddedPostgres): Promise<string[]> => {
    const client = new Client(db.connection());
    await client.connect();
    try {
      const { rows } = await client.query<{ v: string }>('select v from template_mark order by v');
      return rows.map((r) => r.v);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    // The source starts from the migrated test template when this run built one (initdb in WASM takes
    // tens of seconds); the test's own template is that plus a mark.
    const migrated = pgliteTemplatePath();
    const source = existsSync(migrated) ? new PGlite({ loadDataDir: new Blob([readFileSync(migrated)]) }) : new PGlite();
    await source.exec(`create table template_mark (v text); insert into template_mark values ('from the template')`);
    writeFileSync(template, Buffer.from(await (await source.dumpDataDir('none')).arrayBuffer()));
    await source.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given a template, when an in-memory database starts from it, then it holds the template data', async () => {
    // when
    const db = await EmbeddedPostgres.start('memory://', template);
    // then
    try {
      expect(await marks(db)).toEqual(['from the template']);
    } finally {
      await db.stop();
    }
  });

  it('given a data directory that already holds a database, when it starts with a template, then the template is ignored and its data kept', async () => {
    // given
    const dataDir = join(dir, 'pglite');
    const first = await EmbeddedPostgres.start(dataDir, template);
    const client = new Client(first.connection());
    await client.connect();
    await client.query(`insert into template_mark values ('written later')`);
    await client.end();
    await first.stop();
    // when
    const again = await EmbeddedPostgres.start(dataDir, template);
    // then
    try {
      expect(await marks(again)).toEqual(['from the template', 'written later']);
    } finally {
      await again.stop();
    }
  });
});
