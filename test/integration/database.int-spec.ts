import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { ConfigModule } from '../../src/config';
import { DatabaseModule, Transactions } from '../../src/database';
import { MIGRATIONS } from '../../src/database/migrations';
import { databaseLabel, dropTestSchema, testConfig } from '../setup/test-database';

describe(`database on ${databaseLabel()}`, () => {
  const config = testConfig();
  let close: () => Promise<void>;
  let ds: DataSource;
  let tx: Transactions;

  beforeAll(async () => {
    const mod = await Test.createTestingModule({
      imports: [ConfigModule.forConfig(config), DatabaseModule],
    }).compile();
    const app = await mod.init();
    ds = app.get(DataSource);
    tx = app.get(Transactions);
    close = () => app.close();
  });
  afterAll(async () => {
    await close();
    await dropTestSchema(config);
  });

  it('given a fresh database, when the app starts, then every migration has run', async () => {
    // when
    const rows: { name: string }[] = await ds.query('select name from schema_migration');
    // then
    expect(rows.map((r) => r.name)).toContain('EngineSchema1763900000000');
  });

  it('given a database started by the tests (on PGlite from the migrated template), when the app starts, then exactly the current migrations are recorded', async () => {
    // when
    const rows: { name: string }[] = await ds.query('select name from schema_migration order by id');
    // then
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('given a transaction that throws, when it rolls back, then nothing written inside it remains', async () => {
    // given
    await ds.query('create table tx_probe (v int)');
    // when
    await expect(
      tx.run(async () => {
        await tx.manager().query('insert into tx_probe values (1)');
        await tx.run(async (inner) => inner.query('insert into tx_probe values (2)'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    // then
    expect(await ds.query('select count(*)::int as n from tx_probe')).toEqual([{ n: 0 }]);
  });

  it('given work queued before commit, when the use case ends, then it runs last, inside the same transaction, and its failure rolls everything back', async () => {
    // given
    await ds.query('create table tx_order (step text)');
    const order: string[] = [];
    // when
    await tx.run(async () => {
      tx.beforeCommit(async () => {
        order.push('before-commit');
        await tx.manager().query(`insert into tx_order values ('audit')`);
      });
      await tx.manager().query(`insert into tx_order values ('case')`);
      order.push('work');
    });
    await expect(
      tx.run(async () => {
        await tx.manager().query(`insert into tx_order values ('lost')`);
        tx.beforeCommit(async () => {
          throw new Error('append refused');
        });
      }),
    ).rejects.toThrow('append refused');
    // then
    expect(order).toEqual(['work', 'before-commit']);
    expect(await ds.query('select step from tx_order order by step')).toEqual([{ step: 'audit' }, { step: 'case' }]);
    expect(() => tx.beforeCommit(async () => undefined)).toThrow('needs an open transaction');
  });
});
