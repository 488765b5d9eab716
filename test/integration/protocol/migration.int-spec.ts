import { DataSource, QueryRunner } from 'typeorm';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '../../../src/config';
import { DatabaseModule } from '../../../src/database';
import { MIGRATIONS } from '../../../src/database/migrations';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';

describe(`protocol migration on ${databaseLabel()}`, () => {
  const config = testConfig();
  let ds: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const app = await (await Test.createTestingModule({ imports: [ConfigModule.forConfig(config), DatabaseModule] }).compile()).init();
    ds = app.get(DataSource);
    close = () => app.close();
  });
  afterAll(async () => {
    await close();
    await dropTestSchema(config);
  });

  // Through the migration's own runner: PGlite has a single connection.
  const protocolTables = async (qr: QueryRunner): Promise<string[]> =>
    (
      await qr.query(
        `select table_name from information_schema.tables
          where table_schema = current_schema() and table_name like 'protocol%' order by table_name`,
      )
    ).map((r: { table_name: string }) => r.table_name);

  it('given the applied migration, when reverted and applied again, then the protocol tables go and come back', async () => {
    // given
    const Migration = MIGRATIONS.find((m) => m.name === 'ProtocolRegister1763900000100');
    if (!Migration) throw new Error('ProtocolRegister1763900000100 is not listed in MIGRATIONS');
    const migration = new Migration();
    const qr = ds.createQueryRunner();
    expect(await protocolTables(qr)).toEqual(['protocol_annulment', 'protocol_counter', 'protocol_entry']);
    try {
      // when
      await migration.down(qr);
      const afterDown = await protocolTables(qr);
      await migration.up(qr);
      // then
      expect(afterDown).toEqual([]);
      expect(await protocolTables(qr)).toEqual(['protocol_annulment', 'protocol_counter', 'protocol_entry']);
    } finally {
      await qr.release();
    }
  });
});
