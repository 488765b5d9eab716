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
const anna = DEMO_OPERATORS.find((o) => o.userId === 'anna.esposito')!;
const analyst = DEMO_ANALYSTS[0];
const admin = DEMO_ADMINS[0];

const submission = { procedureKey: 'certificato-residenza', data: aCertificatoResidenzaRequest() };

describe(`authorization matrix (every API endpoint × every kind of caller) and citizen e-mails on ${databaseLabel()}`, () => {
  const smtp = new SmtpPeer();
  let config: ReturnType<typeof testConfig>;
  let t: TestApp;
  let caseId: string;
  let protocolNumber: string;
  let taskId: string;
  const as = async (p: Principal | null) => (p ? { Authorization: `Bearer ${await t.token(p)}` } : {});

  beforeAll(async () => {
    await smtp.start();
    config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys', SMTP_URL: smtp.url, NOTIFICATIONS_ENABLED: 'false' });
    t = await startTestApp(config);
    const filed = await t.http().post('/api/v1/cases').set(await as(mario)).send(submission).expect(201);
    caseId = filed.body.id;
    protocolNumber = filed.body.protocol.number;
    const inbox = await t.http().get('/api/v1/tasks?office=anagrafe').set(await as(luca)).expect(200);
    taskId = inbox.body.items.find((i: { caseId: string }) => i.caseId === caseId).id;
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await dropTestSchema(config);
  });

  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

  /** Who calls: the columns of the matrix. */
  const WHO: Array<[string, Principal | null]> = [
    ['anonymous', null],
    ['citizen A (the applicant)', mario],
    ['citizen B', laura],
    ['operator of office X (anagrafe)', luca],
    ['operator of office Y (servizi-educativi)', sara],
    ['office head of X', anna],
    ['analyst', analyst],
    ['administrator', admin],
  ];
  const NO_INCIDENT = '00000000-0000-4000-8000-000000000000';

  /**
   * Every API endpoint, and the status each caller gets (columns as in WHO). Requests that would
   * change state are made so they cannot (invalid body, stale version, unknown assignee): the
   * status then says whether the policy let the caller through (400/409) or not (401/403/404).
   */
  const ENDPOINTS: Array<[string, string, () => string, object | undefined, number[]]> = [
    ['GET', 'procedures', () => '/api/v1/procedures', undefined, [200, 200, 200, 200, 200, 200, 200, 200]],
    ['GET', 'procedure', () => '/api/v1/procedures/certificato-residenza', undefined, [200, 200, 200, 200, 200, 200, 200, 200]],
    ['POST', 'file a case (invalid body)', () => '/api/v1/cases', {}, [401, 400, 400, 403, 403, 403, 403, 403]],
    ['GET', 'my cases', () => '/api/v1/cases', undefined, [401, 200, 200, 403, 403, 403, 403, 403]],
    ['POST', 'status lookup (wrong code)', () => '/api/v1/cases/status', { code: 'SP-00000-00000', fiscalCode: mario.fiscalCode }, [404, 404, 404, 404, 404, 404, 404, 404]],
    ['GET', 'a case', () => `/api/v1/cases/${caseId}`, undefined, [401, 200, 404, 200, 404, 200, 403, 200]],
    ['GET', 'the inbox', () => '/api/v1/tasks', undefined, [401, 403, 403, 200, 200, 200, 403, 403]],
    ['GET', 'a task', () => `/api/v1/tasks/${taskId}`, undefined, [401, 404, 404, 200, 404, 200, 403, 403]],
    ['POST', 'claim (stale version)', () => `/api/v1/tasks/${taskId}/claim`, { version: 999999 }, [401, 403, 403, 409, 404, 409, 403, 403]],
    ['POST', 'complete (stale version)', () => `/api/v1/tasks/${taskId}/complete`, { data: {}, version: 999999 }, [401, 404, 404, 409, 404, 409, 403, 403]],
    ['POST', 'assign (not a member)', () => `/api/v1/tasks/${taskId}/assign`, { operator: 'nessuno' }, [401, 403, 403, 403, 404, 400, 403, 403]],
    ['POST', 'unclaim (nobody holds it)', () => `/api/v1/tasks/${taskId}/unclaim`, {}, [401, 403, 403, 409, 404, 200, 403, 403]],
    ['GET', 'daily protocol register', () => `/api/v1/admin/protocol/daily-registers/${today}`, undefined, [401, 403, 403, 403, 403, 403, 403, 200]],
    ['GET', 'incidents', () => '/api/v1/admin/incidents', undefined, [401, 403, 403, 403, 403, 403, 403, 200]],
    ['GET', 'an incident', () => `/api/v1/admin/incidents/${NO_INCIDENT}`, undefined, [401, 403, 403, 403, 403, 403, 403, 404]],
    ['POST', 'retry an incident', () => `/api/v1/admin/incidents/${NO_INCIDENT}/retry`, {}, [401, 403, 403, 403, 403, 403, 403, 404]],
    ['POST', 'cancel an incident', () => `/api/v1/admin/incidents/${NO_INCIDENT}/cancel`, {}, [401, 403, 403, 403, 403, 403, 403, 404]],
    ['GET', 'the audit trail', () => '/api/v1/admin/audit', undefined, [401, 403, 403, 403, 403, 403, 403, 200]],
    ['GET', 'the audit export', () => '/api/v1/admin/audit/export', undefined, [401, 403, 403, 403, 403, 403, 403, 200]],
  ];

  it.each(ENDPOINTS)('given every kind of caller, when calling %s %s, then access is as the matrix says', async (method, _name, url, body, expected) => {
    // when
    const got: number[] = [];
    for (const [, principal] of WHO) {
      const req = method === 'GET' ? t.http().get(url()) : t.http().post(url()).send(body ?? {});
      got.push((await req.set(await as(principal))).status);
    }
    // then
    expect(Object.fromEntries(WHO.map(([who], i) => [who, got[i]]))).toEqual(Object.fromEntries(WHO.map(([who], i) => [who, expected[i]])));
  });

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
    // rendered at send time, from the case: the number assigned when the filing committed is in it
    expect(protocolNumber).toMatch(/^\d{7}$/);
    const inviata = toMario.find((m) => /inviata/i.test(m.subject))!;
    expect(inviata.text).toContain(`registrata al protocollo con il numero ${protocolNumber}`);
  });

  it('given the day registrations, when an administrator exports the daily register, then it lists them with its digest', async () => {
    const res = await t.http().get(`/api/v1/admin/protocol/daily-registers/${today}`).set(await as(admin)).expect(200);
    expect(res.headers.digest).toMatch(/^sha-256=/);
    expect(res.body.entries.length).toBeGreaterThanOrEqual(1);
    const csv = await t.http().get(`/api/v1/admin/protocol/daily-registers/${today}?format=csv`).set(await as(admin)).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
  });
});
