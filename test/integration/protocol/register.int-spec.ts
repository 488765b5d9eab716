import { createHash } from 'node:crypto';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { anEntry, ProtocolTestApp, startProtocolApp } from './protocol-test-app';

describe(`protocol register records on ${databaseLabel()}`, () => {
  const config = testConfig();
  let t: ProtocolTestApp;

  beforeAll(async () => {
    t = await startProtocolApp(config);
  });
  afterAll(async () => {
    await t.app.close();
    await dropTestSchema(config);
  });

  it('given a registered entry, when someone updates, deletes or truncates it in SQL, then the database refuses', async () => {
    // given
    t.clock.set('2026-04-01T08:00:00Z');
    const entry = await t.protocol.register(anEntry({ subject: 'Originale' }));
    // when / then
    await expect(t.ds.query(`update protocol_entry set subject = 'Modificato' where id = $1`, [entry.id])).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`delete from protocol_entry where id = $1`, [entry.id])).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`truncate protocol_entry cascade`)).rejects.toThrow(/append-only/);
    expect((await t.protocol.get(entry.id)).subject).toBe('Originale');
  });

  it('given an annulment request without a reason, when submitted, then it is refused naming the field', async () => {
    // given
    t.clock.set('2026-04-01T09:00:00Z');
    const entry = await t.protocol.register(anEntry());
    // when
    const attempt = t.protocol.annul(entry.id, { reason: '  ', authorisedBy: 'Responsabile protocollo' });
    // then
    await expect(attempt).rejects.toMatchObject({
      code: 'PROTOCOL_INVALID_ANNULMENT',
      details: { fieldErrors: [expect.objectContaining({ field: 'reason' })] },
    });
    expect((await t.protocol.get(entry.id)).annulment).toBeNull();
  });

  it('given a database insert with an empty reason, when it bypasses the service, then the database refuses it too', async () => {
    // given
    const entry = await t.protocol.register(anEntry());
    // when
    const attempt = t.ds.query(
      `insert into protocol_annulment (entry_id, reason, authorised_by, annulled_at) values ($1, ' ', 'x', now())`,
      [entry.id],
    );
    // then
    await expect(attempt).rejects.toThrow(/check constraint/);
  });

  it('given an entry, when it is annulled, then it stays readable with reason, author, date and act', async () => {
    // given
    t.clock.set('2026-04-02T08:00:00Z');
    const entry = await t.protocol.register(anEntry({ subject: 'Oggetto errato' }));
    t.clock.set('2026-04-02T10:30:00Z');
    // when
    const annulled = await t.protocol.annul(entry.id, {
      reason: 'Oggetto errato, registrata di nuovo',
      authorisedBy: 'Dott.ssa Bianchi, responsabile del protocollo',
      act: 'Provvedimento n. 7/2026',
    });
    // then
    expect(annulled).toEqual({
      ...entry,
      annulment: {
        reason: 'Oggetto errato, registrata di nuovo',
        authorisedBy: 'Dott.ssa Bianchi, responsabile del protocollo',
        act: 'Provvedimento n. 7/2026',
        annulledAt: new Date('2026-04-02T10:30:00Z'),
      },
    });
    expect(await t.protocol.findByNumber(entry.year, entry.number!)).toEqual(annulled);
    await expect(t.ds.query(`update protocol_annulment set reason = 'altro'`)).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`delete from protocol_annulment`)).rejects.toThrow(/append-only/);
  });

  it('given an annulled entry, when annulled again, even twice at once, then the register answers with a conflict', async () => {
    // given
    const entry = await t.protocol.register(anEntry());
    const request = { reason: 'Duplicato', authorisedBy: 'Responsabile protocollo' };
    // when
    const racing = await Promise.allSettled([t.protocol.annul(entry.id, request), t.protocol.annul(entry.id, request)]);
    const again = t.protocol.annul(entry.id, request);
    // then
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = racing.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'PROTOCOL_ALREADY_ANNULLED', kind: 'conflict' });
    await expect(again).rejects.toMatchObject({ code: 'PROTOCOL_ALREADY_ANNULLED', kind: 'conflict' });
    expect(await t.ds.query('select count(*)::int as n from protocol_annulment where entry_id = $1', [entry.id])).toEqual([{ n: 1 }]);
  });

  it('given an unknown or malformed id, when read or annulled, then the entry is not found', async () => {
    // when / then
    await expect(t.protocol.get('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'PROTOCOL_ENTRY_NOT_FOUND', kind: 'not-found' });
    await expect(t.protocol.get('not-a-uuid')).rejects.toMatchObject({ code: 'PROTOCOL_ENTRY_NOT_FOUND' });
    await expect(t.protocol.annul('not-a-uuid', { reason: 'x', authorisedBy: 'y' })).rejects.toMatchObject({
      code: 'PROTOCOL_ENTRY_NOT_FOUND',
    });
  });

  it('given a day in Rome, when its register is produced, then it holds that day’s entries and annulments with a stable digest', async () => {
    // given: 10 June 2033 in Rome runs from 9 June 22:00 UTC to 10 June 22:00 UTC
    t.clock.set('2033-06-09T21:59:59Z');
    const dayBefore = await t.protocol.register(anEntry({ subject: 'Del giorno prima' }));
    t.clock.set('2033-06-09T22:00:00Z');
    const atMidnight = await t.protocol.register(anEntry({ subject: 'A mezzanotte', channel: 'desk', identification: 'signed-before-employee' }));
    t.clock.set('2033-06-10T12:00:00Z');
    const atNoon = await t.protocol.register(
      anEntry({ direction: 'out', channel: 'pec', subject: 'Risposta, con "virgolette"', senderReference: { number: 'ABC/1', date: '2033-06-01' } }),
    );
    t.clock.set('2033-06-10T13:00:00Z');
    await t.protocol.annul(dayBefore.id, { reason: 'Errore di registrazione', authorisedBy: 'Responsabile', act: 'Det. 3/2033' });
    t.clock.set('2033-06-10T22:00:00Z');
    const nextDay = await t.protocol.register(anEntry({ subject: 'Del giorno dopo' }));
    // when
    const day = await t.protocol.dailyRegister('2033-06-10');
    t.clock.set('2033-06-11T08:00:00Z');
    await t.protocol.annul(atNoon.id, { reason: 'Destinatario errato', authorisedBy: 'Responsabile' });
    const again = await t.protocol.dailyRegister('2033-06-10');
    // then
    expect(day.entries.map((e) => e.id)).toEqual([atMidnight.id, atNoon.id]);
    expect(day.annulments).toEqual([
      expect.objectContaining({ entryId: dayBefore.id, number: dayBefore.number, reason: 'Errore di registrazione', act: 'Det. 3/2033' }),
    ]);
    expect(day.digest).toBe(createHash('sha256').update(day.json).digest('hex'));
    expect(again.digest).toBe(day.digest);
    expect(again.json).toBe(day.json);
    const document = JSON.parse(day.json);
    expect(document).toMatchObject({ type: 'registro-giornaliero-protocollo', date: '2033-06-10', entryCount: 2, annulmentCount: 1 });
    expect(document.entries[0]).toMatchObject({ number: atMidnight.number, registeredAt: '2033-06-10T00:00:00.000+02:00', identification: 'signed-before-employee' });
    expect(document.entries[1].senderReference).toEqual({ number: 'ABC/1', date: '2033-06-01' });
    const csvLines = day.csv.trimEnd().split('\r\n');
    expect(csvLines).toHaveLength(4);
    expect(csvLines[2]).toContain('"Risposta, con ""virgolette"""');
    expect(csvLines[3]).toMatch(/^annullamento,2033,/);
    expect(nextDay.registeredAt.toISOString()).toBe('2033-06-10T22:00:00.000Z');
    expect((await t.protocol.dailyRegister('2033-06-11')).entries.map((e) => e.id)).toEqual([nextDay.id]);
  });
});
