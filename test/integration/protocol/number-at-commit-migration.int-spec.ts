import { DataSource, QueryRunner } from 'typeorm';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '../../../src/config';
import { DatabaseModule } from '../../../src/database';
import { MIGRATIONS } from '../../../src/database/migrations';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';

const ISSUE_7 = ['ProtocolNumberAtCommit1764000000100', 'CaseProtocolFromRegister1764000000110', 'OutboxRenderAtSend1764000000120'];

describe(`numbering-at-commit migrations on ${databaseLabel()}`, () => {
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
  const numberNullable = async (qr: QueryRunner): Promise<string> =>
    (await qr.query(`select is_nullable from information_schema.columns where table_schema = current_schema() and table_name = 'protocol_entry' and column_name = 'number'`))[0].is_nullable;
  const insertEntry = (qr: QueryRunner, number: number | null) =>
    qr.query(
      `insert into protocol_entry (aoo, register, year, number, registered_at, direction, channel, correspondent_name, subject, office)
       values ('c_h501', 'PG', 2040, $1, now(), 'in', 'web', 'Mario Rossi', 'Prova', 'anagrafe') returning id`,
      [number],
    );

  it('given the applied migrations, when reverted and applied again, then entries are numbered at commit again and cannot be numbered by hand', async () => {
    // given
    const migrations = ISSUE_7.map((name) => {
      const M = MIGRATIONS.find((m) => m.name === name);
      if (!M) throw new Error(`${name} is not listed in MIGRATIONS`);
      return new M();
    });
    const qr = ds.createQueryRunner();
    try {
      // when
      for (const m of [...migrations].reverse()) await m.down(qr);
      const afterDown = await numberNullable(qr);
      for (const m of migrations) await m.up(qr);
      // then
      expect(afterDown).toBe('NO');
      expect(await numberNullable(qr)).toBe('YES');
      await qr.startTransaction();
      const [{ id }] = await insertEntry(qr, null);
      const inside = (await qr.query(`select number from protocol_entry where id = $1`, [id]))[0].number;
      await qr.commitTransaction();
      expect(inside).toBeNull();
      expect((await qr.query(`select number from protocol_entry where id = $1`, [id]))[0].number).toBe(1);
      await expect(insertEntry(qr, 99)).rejects.toThrow(/assigned by the register/);
      await expect(qr.query(`update protocol_entry set number = 7 where id = $1`, [id])).rejects.toThrow(/append-only/);
      // and: not even an unnumbered entry can be given a number by a statement of its own
      await qr.startTransaction();
      const [pending] = await insertEntry(qr, null);
      await expect(qr.query(`update protocol_entry set number = 2 where id = $1`, [pending.id])).rejects.toThrow(/append-only/);
      await qr.rollbackTransaction();
      expect((await qr.query(`select last_number from protocol_counter where year = 2040`))[0].last_number).toBe(1);
    } finally {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      await qr.release();
    }
  });
});
