import { DEMO_ADMINS, DEMO_CITIZENS } from '../../../src/modules/identity';
import { WebhookDispatcher } from '../../../src/modules/integration';
import { aCertificatoResidenzaRequest } from '../../factories/case.factory';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';
import { WebhookReceiver, WebhookVerifier } from '../../support/webhook-receiver';

const mario = DEMO_CITIZENS[0];
const HOUR = 3_600_000;

describe(`webhooks to a real receiver on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/webhook-keys', WEBHOOKS_ALLOW_PRIVATE_URLS: 'true', WEBHOOKS_BACKOFF_MS: '1000', WEBHOOKS_TIMEOUT_MS: '3000' });
  const receiver = new WebhookReceiver();
  let t: TestApp;
  let dispatcher: WebhookDispatcher;
  let base: string;
  let sub: { id: string; secret: string };
  const auth = async (p: Parameters<TestApp['token']>[0]) => `Bearer ${await t.token(p)}`;

  beforeAll(async () => {
    const url = await receiver.start();
    t = await startTestApp(config);
    dispatcher = t.app.get(WebhookDispatcher);
    const admin = await auth(DEMO_ADMINS[0]);
    const account = await t.http().post('/api/v1/admin/service-accounts').set('Authorization', admin).send({ name: 'ricevente', scopes: ['events:read'], offices: ['anagrafe'] }).expect(201);
    base = `/api/v1/admin/service-accounts/${account.body.id}/webhooks`;
    sub = (await t.http().post(base).set('Authorization', admin).send({ url, types: ['case.filed', 'case.status-changed'] }).expect(201)).body;
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
    await dropTestSchema(config);
  });

  const file = async (): Promise<string> =>
    (await t.http().post('/api/v1/cases').set('Authorization', await auth(mario)).send({ procedureKey: 'certificato-residenza', data: aCertificatoResidenzaRequest() }).expect(201)).body.id;
  const deliveries = async (status?: string) =>
    (await t.http().get(`${base}/${sub.id}/deliveries`).query({ pageSize: 100, ...(status ? { status } : {}) }).set('Authorization', await auth(DEMO_ADMINS[0])).expect(200)).body;

  it('given a subscription, when a case is filed and the dispatcher runs, then the receiver gets each event once, signed, and rejects tampering and replays', async () => {
    // given
    receiver.answer = 200;
    const caseId = await file();
    expect(receiver.received).toEqual([]); // nothing is sent inside the request
    // when
    const report = await dispatcher.dispatchDue();
    // then
    const verifier = new WebhookVerifier(sub.secret);
    const got = receiver.received.filter((r) => JSON.parse(r.body).data.caseId === caseId);
    // the filing is the istanza's only step: the take-in-charge comes with the office's first claim
    expect(got.map((r) => JSON.parse(r.body).type)).toEqual(['case.filed', 'case.status-changed']);
    expect(report.delivered).toBe(got.length);
    for (const r of got) expect(verifier.verify(r.headers, r.body)).toBe('ok');
    expect(JSON.parse(got[1].body)).toMatchObject({ type: 'case.status-changed', timestamp: expect.any(String), data: { caseId, procedureKey: 'certificato-residenza', offices: ['anagrafe'], status: 'inviata' } });
    for (const personal of [mario.fiscalCode, mario.familyName]) expect(got.map((r) => r.body).join()).not.toContain(personal);
    // a tampered body, a replayed id and an old timestamp are all rejected by the documented check
    const fresh = new WebhookVerifier(sub.secret);
    expect(fresh.verify(got[0].headers, got[0].body.replace('anagrafe', 'tributi'))).toBe('bad-signature');
    expect(fresh.verify(got[0].headers, got[0].body)).toBe('ok');
    expect(fresh.verify(got[0].headers, got[0].body)).toBe('replayed');
    expect(fresh.verify(got[1].headers, got[1].body, Number(got[1].headers['webhook-timestamp']) + 3600)).toBe('stale');
  });

  it('given a receiver answering 500 and then timing out, when retried with backoff, then the delivery succeeds later with the same webhook-id', async () => {
    // given
    receiver.received.length = 0;
    receiver.answer = 500;
    await file();
    const now = new Date();
    // when: first attempt fails, then a timeout, then it works
    expect((await dispatcher.dispatchDue(now)).retried).toBe(2);
    expect((await dispatcher.dispatchDue(now)).retried).toBe(0); // not due yet: backoff
    receiver.answer = 'hang';
    expect((await dispatcher.dispatchDue(new Date(now.getTime() + 1500))).retried).toBe(2);
    const waiting = (await deliveries('pending')).items;
    expect(waiting[0]).toMatchObject({ attempts: 2, lastError: expect.stringContaining('TimeoutError') });
    receiver.answer = 200;
    expect((await dispatcher.dispatchDue(new Date(now.getTime() + 4000))).delivered).toBe(2);
    // then
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(2);
    expect(receiver.received.filter((r) => r.answered === 200)).toHaveLength(2);
    expect((await deliveries('pending')).items).toEqual([]);
  });

  it('given a receiver down for more than 24 hours, when the window passes, then the delivery is parked with its last error and an admin replay delivers it', async () => {
    // given
    receiver.received.length = 0;
    receiver.answer = 503;
    await file();
    const now = new Date();
    await dispatcher.dispatchDue(now);
    // when: still failing after the retry window
    expect((await dispatcher.dispatchDue(new Date(now.getTime() + 25 * HOUR))).parked).toBe(2);
    // then
    const parked = (await deliveries('parked')).items;
    expect(parked).toHaveLength(2);
    expect(parked[0]).toMatchObject({ status: 'parked', lastStatus: 503, lastError: 'HTTP 503: servizio non disponibile', attempts: 2 });
    expect((await dispatcher.dispatchDue(new Date(now.getTime() + 50 * HOUR))).parked).toBe(0);
    // when: the receiver is back and the admin replays one
    receiver.answer = 200;
    const replayed = await t.http().post(`${base}/${sub.id}/deliveries/${parked[0].id}/replay`).set('Authorization', await auth(DEMO_ADMINS[0])).expect(200);
    expect(replayed.body).toMatchObject({ status: 'pending', attempts: 0 });
    await dispatcher.dispatchDue();
    // then
    const last = receiver.received[receiver.received.length - 1];
    expect(last).toMatchObject({ answered: 200, headers: expect.objectContaining({ 'webhook-id': parked[0].id }) });
    expect((await deliveries('parked')).items).toHaveLength(1);
  });

  it('given subscriber URLs that are not http(s), when subscribing, then 422 names the url field', async () => {
    // when
    const res = await t.http().post(base).set('Authorization', await auth(DEMO_ADMINS[0])).send({ url: 'file:///etc/passwd', types: ['case.filed'] }).expect(422);
    // then
    expect(res.body).toMatchObject({ code: 'WEBHOOK_URL_NOT_ALLOWED', errors: [{ field: 'url', code: 'not-http' }] });
  });
});
