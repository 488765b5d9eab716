import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { anEntry, ProtocolTestApp, startProtocolApp } from './protocol-test-app';

describe(`protocol numbering on ${databaseLabel()}`, () => {
  const config = testConfig({ PROTOCOL_AOO: 'c_h501', PROTOCOL_REGISTER: 'PG' });
  let t: ProtocolTestApp;

  beforeAll(async () => {
    t = await startProtocolApp(config);
  });
  afterAll(async () => {
    await t.app.close();
    await dropTestSchema(config);
  });

  const countYear = async (year: number): Promise<number> =>
    (await t.ds.query('select count(*)::int as n from protocol_entry where year = $1', [year]))[0].n;

  it('given an empty register, when the first document is registered, then it gets number 0000001 of the year', async () => {
    // given
    t.clock.set('2026-03-02T09:00:00Z');
    // when
    const entry = await t.protocol.register(anEntry({ caseId: 'case-1' }));
    // then
    expect(entry).toMatchObject({ number: '0000001', year: 2026, aoo: 'c_h501', register: 'PG', caseId: 'case-1' });
    expect(entry.registeredAt.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(entry.documents).toEqual([{ name: 'istanza.pdf', sha256: 'ab'.repeat(32), mediaType: 'application/pdf', size: 2048 }]);
    expect(await t.protocol.get(entry.id)).toEqual(entry);
    expect(await t.protocol.findByNumber(2026, '0000001')).toEqual(entry);
    expect(await t.protocol.findByNumber(2025, 1)).toBeNull();
  });

  it('given registrations on 31 December, when Rome passes midnight, then numbering restarts at 0000001', async () => {
    // given: 22:59:59 UTC is still 31 December in Rome, 23:00 UTC is already 1 January
    t.clock.set('2029-12-31T22:59:58Z');
    const first = await t.protocol.register(anEntry());
    t.clock.set('2029-12-31T22:59:59Z');
    const last = await t.protocol.register(anEntry());
    // when
    t.clock.set('2029-12-31T23:00:00Z');
    const newYear = await t.protocol.register(anEntry());
    // then
    expect([first.year, first.number]).toEqual([2029, '0000001']);
    expect([last.year, last.number]).toEqual([2029, '0000002']);
    expect([newYear.year, newYear.number]).toEqual([2030, '0000001']);
  });

  it('given 50 registrations at once, when they all commit, then numbers are 1..50 with no gap or duplicate', async () => {
    // given
    t.clock.set('2031-05-04T08:00:00Z');
    // when
    const entries = await Promise.all(
      Array.from({ length: 50 }, (_, i) => t.protocol.register(anEntry({ subject: `Istanza ${i}` }))),
    );
    // then
    const numbers = entries.map((e) => Number(e.number)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(entries.map((e) => e.id)).size).toBe(50);
    expect(await countYear(2031)).toBe(50);
    const [counter] = await t.ds.query(
      `select last_number from protocol_counter where aoo = 'c_h501' and register = 'PG' and year = 2031`,
    );
    expect(counter.last_number).toBe(50);
  });

  it('given a registration in a transaction still open, when another one commits first, then numbers follow commit order', async () => {
    // given: the first transaction has written its entry and goes on working
    t.clock.set('2034-01-10T08:00:00Z');
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstRegistered!: () => void;
    const registered = new Promise<void>((resolve) => (firstRegistered = resolve));
    let numberInside: string | null | undefined;
    const first = t.tx.run(async () => {
      const e = await t.protocol.register(anEntry({ subject: 'prima' }));
      numberInside = e.number;
      firstRegistered();
      await firstHolds;
      return e.id;
    });
    await registered;
    // when: on PostgreSQL the second does not wait for the first (the counter is not held yet);
    // on PGlite, one connection serves both, so it runs once the first is released
    const second = t.protocol.register(anEntry({ subject: 'seconda' }));
    const secondFirst = await Promise.race([second.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 1000))]);
    releaseFirst();
    const firstId = await first;
    const secondEntry = await second;
    // then
    expect(numberInside).toBeNull();
    const firstEntry = await t.protocol.get(firstId);
    if (secondFirst) expect([secondEntry.number, firstEntry.number]).toEqual(['0000001', '0000002']);
    else expect([firstEntry.number, secondEntry.number]).toEqual(['0000001', '0000002']);
    if (process.env.DATABASE_URL) expect(secondFirst).toBe(true);
  });

  it('given a transaction that holds the counter while committing, when a second registration commits, then it waits for the first', async () => {
    // given: an explicit lock stands in for a commit in progress
    t.clock.set('2035-01-10T08:00:00Z');
    await t.protocol.register(anEntry({ subject: 'apre il contatore' }));
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = t.tx.run(async (em) => {
      await em.query(`select 1 from protocol_counter where year = 2035 for update`);
      locked();
      await firstHolds;
    });
    await isLocked;
    // when
    let secondDone = false;
    const second = t.protocol.register(anEntry({ subject: 'seconda' })).then((e) => ((secondDone = true), e));
    await new Promise((r) => setTimeout(r, 300));
    const doneBeforeRelease = secondDone;
    releaseFirst();
    await holder;
    // then
    expect(doneBeforeRelease).toBe(false);
    expect((await second).number).toBe('0000002');
  });

  it('given a case and a registration in one transaction, when the transaction rolls back, then the number is not consumed', async () => {
    // given
    t.clock.set('2032-02-01T10:00:00Z');
    await t.ds.query('create table case_probe (id text primary key)');
    const kept = await t.protocol.register(anEntry());
    // when
    let numberSeenInside: string | null | undefined;
    await expect(
      t.tx.run(async (em) => {
        await em.query(`insert into case_probe values ('case-42')`);
        numberSeenInside = (await t.protocol.register(anEntry({ caseId: 'case-42' }))).number;
        throw new Error('engine start failed');
      }),
    ).rejects.toThrow('engine start failed');
    const next = await t.protocol.register(anEntry());
    // then
    expect(kept.number).toBe('0000001');
    expect(numberSeenInside).toBeNull();
    expect(next.number).toBe('0000002');
    expect(await t.ds.query('select count(*)::int as n from case_probe')).toEqual([{ n: 0 }]);
    expect(await countYear(2032)).toBe(2);
  });

  it('given a registration in a committed outer transaction, when it commits, then entry and case are both kept', async () => {
    // given
    t.clock.set('2032-02-01T11:00:00Z');
    // when
    const entry = await t.tx.run(async (em) => {
      await em.query(`insert into case_probe values ('case-43')`);
      return t.protocol.register(anEntry({ caseId: 'case-43' }));
    });
    // then: the number is assigned at commit; inside, the entry was still unnumbered
    expect(entry.number).toBeNull();
    expect((await t.protocol.get(entry.id)).number).toBe('0000003');
    expect(await t.ds.query(`select id from case_probe`)).toEqual([{ id: 'case-43' }]);
    expect((await t.protocol.get(entry.id)).caseId).toBe('case-43');
  });

  it('given an invalid entry, when registered, then it is refused by field and no number is used', async () => {
    // given
    t.clock.set('2032-02-01T12:00:00Z');
    // when
    const attempt = t.protocol.register(anEntry({ subject: '', channel: 'desk' }));
    // then
    await expect(attempt).rejects.toMatchObject({
      code: 'PROTOCOL_INVALID_ENTRY',
      kind: 'invalid',
      details: { fieldErrors: [expect.objectContaining({ field: 'subject' }), expect.objectContaining({ field: 'identification' })] },
    });
    expect((await t.protocol.register(anEntry())).number).toBe('0000004');
  });
});
