import { OutboxDispatcher } from '../../src/modules/notifications';
import { DEMO_ADMINS, DEMO_ANALYSTS, DEMO_CITIZENS, DEMO_OPERATORS, Principal } from '../../src/modules/identity';
import { aCertificatoResidenzaRequest } from '../factories/case.factory';
import { SmtpPeer } from '../support/smtp-peer';
import { databaseLabel, dropTestSchema, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';

const mario = DEMO_CITIZENS[0];
const laura = DEMO_CITIZENS[1];
const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!;
const sara = DEMO_OPERATORS.find((o) => o.userId === 'sara.colombo')!;
const analyst = DEMO_ANALYSTS[0];
const admin = DEMO_ADMINS[0];

const submission = { procedureKey: 'certificato-residenza', data: aCertificatoResidenzaRequest() };

describe(`authorization matrix and citizen e-mails on ${databaseLabel()}`, () => {
  const smtp = new SmtpPeer();
  let config: ReturnType<typeof testConfig>;
  let t: TestApp;
  let caseId: string;
  let taskId: string;
  const as = async (p: Principal | null) => (p ? { Authorization: `Bearer ${await t.token(p)}` } : {});

  beforeAll(async () => {
    await smtp.start();
    config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys', SMTP_URL: smtp.url, NOTIFICATIONS_ENABLED: 'false' });
    t = await startTestApp(config);
    const filed = await t.http().post('/api/v1/cases').set(await as(mario)).send(submission).expect(201);
    caseId = filed.body.id;
    const inbox = await t.http().get('/api/v1/tasks?office=anagrafe').set(await as(luca)).expect(200);
    taskId = inbox.body.items.find((i: { caseId: string }) => i.caseId === caseId).id;
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await dropTestSchema(config);
  });

  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

  it.each([
    ['anonymous', null, { cases: 401, caseGet: 401, inbox: 401, task: 401, register: 401, incidents: 401, procedures: 200 }],
    ['the owner citizen', mario, { cases: 200, caseGet: 200, inbox: 403, task: 404, register: 403, incidents: 403, procedures: 200 }],
    ['another citizen', laura, { cases: 200, caseGet: 404, inbox: 403, task: 404, register: 403, incidents: 403, procedures: 200 }],
    ['an operator of the office', luca, { cases: 403, caseGet: 200, inbox: 200, task: 200, register: 403, incidents: 403, procedures: 200 }],
    ['an operator of another office', sara, { cases: 403, caseGet: 404, inbox: 200, task: 403, register: 403, incidents: 403, procedures: 200 }],
    ['an analyst', analyst, { cases: 403, caseGet: 403, inbox: 403, task: 403, register: 403, incidents: 403, procedures: 200 }],
    ['an administrator', admin, { cases: 403, caseGet: 200, inbox: 403, task: 403, register: 200, incidents: 200, procedures: 200 }],
  ] as Array<[string, Principal | null, Record<string, number>]>)(
    'given %s, when calling each endpoint, then access is as the matrix says',
    async (_who, principal, expected) => {
      // when
      const headers = await as(principal);
      const got = {
        cases: (await t.http().get('/api/v1/cases').set(headers)).status,
        caseGet: (await t.http().get(`/api/v1/cases/${caseId}`).set(headers)).status,
        inbox: (await t.http().get('/api/v1/tasks').set(headers)).status,
        task: (await t.http().get(`/api/v1/tasks/${taskId}`).set(headers)).status,
        register: (await t.http().get(`/api/v1/admin/protocol/daily-registers/${today}`).set(headers)).status,
        incidents: (await t.http().get('/api/v1/admin/incidents').set(headers)).status,
        procedures: (await t.http().get('/api/v1/procedures').set(headers)).status,
      };
      // then
      expect(got).toEqual(expected);
    },
  );

  it('given a filed case, when the outbox is dispatched, then the citizen receives the Italian e-mails of each status once', async () => {
    // when: filed, then taken in charge by an operator's claim (twice: one e-mail)
    const dispatcher = t.app.get(OutboxDispatcher);
    await dispatcher.dispatchDue();
    expect(smtp.received.filter((m) => m.envelopeTo.includes('mario.rossi@example.it'))).toHaveLength(1); // inviata
    await t.http().post(`/api/v1/tasks/${taskId}/claim`).set(await as(luca)).expect(200);
    await t.http().post(`/api/v1/tasks/${taskId}/unclaim`).set(await as(luca)).expect(200);
    await t.http().post(`/api/v1/tasks/${taskId}/claim`).set(await as(luca)).expect(200);
    await dispatcher.dispatchDue();
    await dispatcher.dispatchDue();
    // then
    const toMario = smtp.received.filter((m) => m.envelopeTo.includes('mario.rossi@example.it'));
    expect(toMario.length).toBe(2); // inviata, presa-in-carico
    expect(toMario[1].subject).toMatch(/presa in carico/i);
    expect(toMario.map((m) => m.subject).join(' | ')).toMatch(/Certificato di residenza/);
    expect(toMario[0].text).toMatch(/Mario Rossi/);
  });

  it('given the day registrations, when an administrator exports the daily register, then it lists them with its digest', async () => {
    const res = await t.http().get(`/api/v1/admin/protocol/daily-registers/${today}`).set(await as(admin)).expect(200);
    expect(res.headers.digest).toMatch(/^sha-256=/);
    expect(res.body.entries.length).toBeGreaterThanOrEqual(1);
    const csv = await t.http().get(`/api/v1/admin/protocol/daily-registers/${today}?format=csv`).set(await as(admin)).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
  });
});
