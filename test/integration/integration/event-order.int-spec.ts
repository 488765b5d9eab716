import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { ConfigModule } from '../../../src/config';
import { DatabaseModule, Transactions } from '../../../src/database';
import { EventFeedService, NewIntegrationEvent } from '../../../src/modules/integration';
import { databaseLabel, dropTestSchema, onPostgres, testConfig } from '../../setup/test-database';

const anEvent = (status: string): NewIntegrationEvent => ({
  type: 'case.status-changed',
  caseId: randomUUID(),
  procedureKey: 'certificato-residenza',
  offices: ['anagrafe'],
  data: { status },
});

describe(`event feed numbering on ${databaseLabel()}`, () => {
  const config = testConfig();
  let app: INestApplicationContext;
  let tx: Transactions;
  let feed: EventFeedService;

  beforeAll(async () => {
    const mod = await Test.createTestingModule({ imports: [ConfigModule.forConfig(config), DatabaseModule] }).compile();
    app = await mod.init();
    tx = app.get(Transactions);
    feed = new EventFeedService(tx);
  });
  afterAll(async () => {
    await app.close();
    await dropTestSchema(config);
  });

  const readAll = async (after?: string) => feed.read({ kind: 'all' }, { after, limit: 500 });

  it('given events written in one transaction and one rolled back, when read, then the committed ones come numbered without gaps and the rolled-back one never appears', async () => {
    // given
    const start = await readAll();
    await tx.run(async () => {
      await feed.record(anEvent('inviata'));
      await feed.record(anEvent('presa-in-carico'));
    });
    await expect(
      tx.run(async () => {
        await feed.record(anEvent('annullata'));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await feed.record(anEvent('accettata'));
    // when
    const page = await readAll(start.next);
    // then
    expect(page.items.map((e) => e.data.status)).toEqual(['inviata', 'presa-in-carico', 'accettata']);
    const first = page.items[0].seq;
    expect(page.items.map((e) => e.seq)).toEqual([first, first + 1, first + 2]);
    expect(await readAll(page.next)).toEqual({ items: [], next: page.next });
  });

  (onPostgres() ? it : it.skip)(
    'given transaction A writes first but commits after B, when a reader pages between the two commits, then it gets B, then A, and misses neither',
    async () => {
      // given: A inserts its event and stays open
      const start = await readAll();
      let releaseA!: () => void;
      const aMayCommit = new Promise<void>((resolve) => (releaseA = resolve));
      let aWrote!: () => void;
      const aHasWritten = new Promise<void>((resolve) => (aWrote = resolve));
      const a = tx.run(async () => {
        await feed.record(anEvent('A'));
        aWrote();
        await aMayCommit;
      });
      await aHasWritten;
      // B writes after A and commits first
      await tx.run(() => feed.record(anEvent('B')));
      // when: a reader pages now
      const first = await readAll(start.next);
      // then: only B is visible, and A's later commit is not behind the cursor
      expect(first.items.map((e) => e.data.status)).toEqual(['B']);
      releaseA();
      await a;
      const second = await readAll(first.next);
      expect(second.items.map((e) => e.data.status)).toEqual(['A']);
      expect(second.items[0].seq).toBe(first.items[0].seq + 1);
      expect((await readAll(second.next)).items).toEqual([]);
    },
  );

  it('given a cursor that is not one the feed gave, when read, then 400-kind INTEGRATION_BAD_QUERY names after', async () => {
    // when / then
    for (const bad of ['12', 'not a cursor', Buffer.from('e1.-1').toString('base64url')]) {
      await expect(readAll(bad)).rejects.toMatchObject({ code: 'INTEGRATION_BAD_QUERY', details: { fieldErrors: [{ field: 'after' }] } });
    }
  });
});
