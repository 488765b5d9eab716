import type { AddressInfo } from 'node:net';
import { AnprHttpAdapter, FakeAnpr } from '../../../src/modules/anpr';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';

const VOUCHER = 'pdnd-voucher-for-tests-0123';
const MARIO = 'RSSMRA80A01H501U';

describe(`ANPR residence check: the HTTP adapter against the development ANPR, over real HTTP, on ${databaseLabel()}`, () => {
  const config = testConfig({ ANPR_ADAPTER: 'fake', ANPR_BEARER_TOKEN: VOUCHER });
  let t: TestApp;
  let anpr: AnprHttpAdapter;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp(config);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/dev-anpr`;
    anpr = new AnprHttpAdapter({ baseUrl: `${base}/api/v1`, bearerToken: VOUCHER, timeoutMs: 5000 });
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  it('given a seeded resident, when checked, then ANPR answers name, birth, address, comune, date of registration and family', async () => {
    // when
    const check = await anpr.residence(MARIO);
    // then
    expect(check).toMatchObject({
      outcome: 'resident',
      person: { fiscalCode: MARIO, givenName: 'Mario', familyName: 'Rossi', sex: 'M', birthDate: '1980-01-01', birthPlace: 'Roma (RM)' },
      residence: { street: 'Via Roma', streetNumber: '12', postalCode: '00100', comune: 'Vallefiorita', province: 'RM', since: '2015-06-01' },
    });
    if (check.outcome !== 'resident') throw new Error('resident expected');
    expect(check.operationId).not.toBe('');
    expect(check.family.map((m) => m.relation)).toEqual(['intestatario scheda', 'coniuge']);
  });

  it('given a subject moved through /dev-anpr, when checked again, then the new address and date come back', async () => {
    // given
    await t.http().post(`/dev-anpr/soggetti/${MARIO}`).send({ street: 'Via Garibaldi', streetNumber: '5', since: '2026-11-01' }).expect(200);
    // when
    const check = await anpr.residence(MARIO);
    // then
    expect(check).toMatchObject({ outcome: 'resident', residence: { street: 'Via Garibaldi', streetNumber: '5', since: '2026-11-01', comune: 'Vallefiorita' } });
    // bad changes name their fields
    const bad = await t.http().post(`/dev-anpr/soggetti/${MARIO}`).send({ postalCode: '1234', since: '1 novembre', status: 'sparito' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['postalCode', 'since', 'status']);
  });

  it('given an unknown fiscal code, an emigrated and a deceased subject, when checked, then not-found, emigrated and deceased', async () => {
    expect((await anpr.residence('VRDLRA85B41F205A')).outcome).toBe('not-found');
    expect(await anpr.residence('VRDGPP80A01F205X')).toMatchObject({ outcome: 'emigrated', date: '2024-04-30', destination: 'Germania', person: { familyName: 'Verdi' } });
    await t.http().post('/dev-anpr/soggetti/FRRGLI75C52L219B').send({ status: 'deceased', statusDate: '2026-10-02' }).expect(200);
    expect(await anpr.residence('FRRGLI75C52L219B')).toMatchObject({ outcome: 'deceased', date: '2026-10-02', person: { givenName: 'Giulia' } });
  });

  it('given the fault switched on, when checked, then ANPR_UNAVAILABLE; a wrong voucher is ANPR_UNAUTHORIZED; a malformed code ANPR_INVALID naming it', async () => {
    await t.http().post('/dev-anpr/guasto').send({ attivo: true }).expect(200, { unavailable: true });
    await expect(anpr.residence(MARIO)).rejects.toMatchObject({ code: 'ANPR_UNAVAILABLE' });
    // the in-process fake fails the same way
    await expect(t.app.get(FakeAnpr).residence(MARIO)).rejects.toMatchObject({ code: 'ANPR_UNAVAILABLE' });
    await t.http().post('/dev-anpr/guasto').send({ attivo: false }).expect(200, { unavailable: false });
    await expect(new AnprHttpAdapter({ baseUrl: `${base}/api/v1`, bearerToken: 'wrong-voucher-0123456789', timeoutMs: 5000 }).residence(MARIO)).rejects.toMatchObject({ code: 'ANPR_UNAUTHORIZED' });
    await expect(anpr.residence('RSSMRA80')).rejects.toMatchObject({ code: 'ANPR_INVALID', details: { fieldErrors: [{ field: 'codiceFiscale' }] } });
    // nothing listening: unavailable, not a crash
    await expect(new AnprHttpAdapter({ baseUrl: 'http://127.0.0.1:9/api/v1', bearerToken: VOUCHER, timeoutMs: 2000 }).residence(MARIO)).rejects.toMatchObject({ code: 'ANPR_UNAVAILABLE' });
  });

  it('given the registry page, when opened, then it lists the demo citizens in Italian', async () => {
    const page = await t.http().get('/dev-anpr').expect(200);
    expect(page.text).toContain('Registro della popolazione residente');
    expect(page.text).toContain('RSSMRA85T10A56NH');
    expect(page.text).toContain('emigrato dal 2024-04-30 (Germania)');
  });
});
