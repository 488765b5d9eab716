import { Transactions } from '../../src/database';
import { DEMO_CITIZENS, DEMO_OPERATORS } from '../../src/modules/identity';
import { OutboxDispatcher } from '../../src/modules/notifications';
import { ProtocolService } from '../../src/modules/protocol';
import { aCertificatoResidenzaRequest } from '../factories/case.factory';
import { SmtpPeer } from '../support/smtp-peer';
import { databaseLabel, dropTestSchema, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';

const mario = DEMO_CITIZENS[0];
const laura = DEMO_CITIZENS[1];
const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!; // anagrafe
const sara = DEMO_OPERATORS.find((o) => o.userId === 'sara.colombo')!; // servizi-educativi

describe(`case messages, notes, withdrawal and rating over HTTP on ${databaseLabel()}`, () => {
  // E-mails render when sent: a real SMTP peer receives them, the test dispatches (no background dispatcher).
  const smtp = new SmtpPeer();
  let config: ReturnType<typeof testConfig>;
  let t: TestApp;
  const auth = async (p: Parameters<TestApp['token']>[0]) => `Bearer ${await t.token(p)}`;

  beforeAll(async () => {
    await smtp.start();
    config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys', SMTP_URL: smtp.url, NOTIFICATIONS_ENABLED: 'false' });
    t = await startTestApp(config);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await dropTestSchema(config);
  });

  const file = async () =>
    (await t.http().post('/api/v1/cases').set('Authorization', await auth(mario)).send({ procedureKey: 'certificato-residenza', data: aCertificatoResidenzaRequest() }).expect(201)).body;
  // E-mails are rendered when the dispatcher sends them: send what is due, then read the rendered rows.
  const outbox = async (caseId: string) =>
    (await t.app.get(OutboxDispatcher).dispatchDue(), await t.app.get(Transactions).manager().query(`select event, recipient, subject, body_text as text from notification_outbox where case_id = $1 order by created_at, id`, [caseId])) as Array<{
      event: string;
      recipient: string;
      subject: string;
      text: string;
    }>;
  const officeTask = async (caseId: string) => {
    const res = await t.http().get('/api/v1/tasks?office=anagrafe&pageSize=100').set('Authorization', await auth(luca)).expect(200);
    return (res.body.items as Array<{ id: string; caseId: string }>).filter((i) => i.caseId === caseId);
  };

  it('given a case, when the citizen writes and the office answers, then both read the conversation and each message is e-mailed to the other party', async () => {
    const c = await file();
    // when
    const asked = await t.http().post(`/api/v1/cases/${c.id}/messages`).set('Authorization', await auth(mario)).send({ body: '  Posso ritirare il certificato allo sportello?  ' }).expect(201);
    expect(asked.body).toMatchObject({ caseId: c.id, authorKind: 'citizen', authorName: 'Mario Rossi', office: 'anagrafe', body: 'Posso ritirare il certificato allo sportello?' });
    const answered = await t.http().post(`/api/v1/cases/${c.id}/messages`).set('Authorization', await auth(luca)).send({ body: 'Sì, dal lunedì al venerdì.' }).expect(201);
    expect(answered.body).toMatchObject({ authorKind: 'operator', authorName: 'Ufficio Anagrafe e Stato civile' });
    // then: newest first, paginated, the same for both sides
    const mine = await t.http().get(`/api/v1/cases/${c.id}/messages?pageSize=1`).set('Authorization', await auth(mario)).expect(200);
    expect(mine.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(mine.body.items.map((m: { body: string }) => m.body)).toEqual(['Sì, dal lunedì al venerdì.']);
    const office = await t.http().get(`/api/v1/cases/${c.id}/messages`).set('Authorization', await auth(luca)).expect(200);
    expect(office.body.items.map((m: { authorKind: string }) => m.authorKind)).toEqual(['operator', 'citizen']);
    const mails = (await outbox(c.id)).filter((m) => m.event.startsWith('messaggio'));
    expect(mails.map((m) => [m.event, m.recipient])).toEqual([
      ['messaggio-cittadino', 'anagrafe@comune.example.it'],
      ['messaggio-ufficio', 'mario.rossi@example.it'],
    ]);
    expect(mails[0].text).toContain('Posso ritirare il certificato allo sportello?');
    expect(mails[1].subject).toContain('Certificato di residenza');
    // others see nothing; bad input names the field
    await t.http().get(`/api/v1/cases/${c.id}/messages`).set('Authorization', await auth(laura)).expect(404);
    await t.http().post(`/api/v1/cases/${c.id}/messages`).set('Authorization', await auth(sara)).send({ body: 'Non è il mio ufficio' }).expect(404);
    const empty = await t.http().post(`/api/v1/cases/${c.id}/messages`).set('Authorization', await auth(mario)).send({ body: '   ' }).expect(400);
    expect(empty.body.errors).toEqual([{ field: 'body', message: expect.any(String) }]);
    await t.http().post(`/api/v1/cases/${c.id}/messages`).set('Authorization', await auth(mario)).send({ body: 'x'.repeat(4001) }).expect(400);
  });

  it('given a case, when an operator writes internal notes, then only operators of its office read them and the citizen never does', async () => {
    const c = await file();
    await t.http().post(`/api/v1/cases/${c.id}/notes`).set('Authorization', await auth(luca)).send({ body: 'Verificare la via in ANPR' }).expect(201);
    const notes = await t.http().get(`/api/v1/cases/${c.id}/notes`).set('Authorization', await auth(luca)).expect(200);
    expect(notes.body).toMatchObject({ total: 1, items: [{ author: 'luca.romano', office: 'anagrafe', body: 'Verificare la via in ANPR' }] });
    await t.http().get(`/api/v1/cases/${c.id}/notes`).set('Authorization', await auth(mario)).expect(403);
    await t.http().get(`/api/v1/cases/${c.id}/notes`).set('Authorization', await auth(sara)).expect(404);
    const view = await t.http().get(`/api/v1/cases/${c.id}`).set('Authorization', await auth(mario)).expect(200);
    expect(JSON.stringify(view.body)).not.toContain('Verificare la via');
  });

  it('given an open case, when the citizen withdraws it, then it is registered in the protocol, its tasks and instance end, and it cannot be withdrawn again', async () => {
    const c = await file();
    expect(await officeTask(c.id)).toHaveLength(1);
    // another citizen cannot
    await t.http().post(`/api/v1/cases/${c.id}/withdraw`).set('Authorization', await auth(laura)).send({}).expect(404);
    const bad = await t.http().post(`/api/v1/cases/${c.id}/withdraw`).set('Authorization', await auth(mario)).send({ reason: 42 }).expect(400);
    expect(bad.body.errors[0].field).toBe('reason');
    // when
    const res = await t.http().post(`/api/v1/cases/${c.id}/withdraw`).set('Authorization', await auth(mario)).send({ reason: 'Non mi serve più' }).expect(200);
    // then
    expect(res.body).toMatchObject({ caseId: c.id, status: 'ritirata', displayStatus: 'rifiutata', protocol: { number: expect.stringMatching(/^\d{7}$/) } });
    expect(Number(res.body.protocol.number)).toBeGreaterThan(Number(c.protocol.number));
    const entry = await t.app.get(ProtocolService).findByNumber(res.body.protocol.year, res.body.protocol.number);
    expect(entry).toMatchObject({ direction: 'in', caseId: c.id, office: 'anagrafe', correspondent: { fiscalCode: mario.fiscalCode } });
    expect(entry!.documents[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const view = (await t.http().get(`/api/v1/cases/${c.id}`).set('Authorization', await auth(mario)).expect(200)).body;
    expect(view).toMatchObject({ status: 'ritirata', displayStatus: 'rifiutata', outcome: null, withdrawal: { protocol: res.body.protocol } });
    expect(view.closedAt).not.toBeNull();
    expect(view.timeline.map((e: { status: string }) => e.status)).toEqual(['inviata', 'ritirata']);
    expect(await officeTask(c.id)).toEqual([]);
    const [instance] = (await t.app.get(Transactions).manager().query(`select status from engine_instance where id = (select instance_id from case_file where id = $1)`, [c.id])) as Array<{ status: string }>;
    expect(instance.status).toBe('terminated');
    expect((await outbox(c.id)).map((m) => m.event)).toContain('ritirata');
    // and not again
    const again = await t.http().post(`/api/v1/cases/${c.id}/withdraw`).set('Authorization', await auth(mario)).send({}).expect(409);
    expect(again.body).toMatchObject({ code: 'CASE_NOT_WITHDRAWABLE' });
  });

  it('given a case, when it is rated before and after it closes, then only a closed case is rated, once, with 1 to 5 stars', async () => {
    const c = await file();
    const early = await t.http().post(`/api/v1/cases/${c.id}/rating`).set('Authorization', await auth(mario)).send({ stars: 5 }).expect(409);
    expect(early.body.code).toBe('CASE_NOT_CLOSED');
    const [task] = await officeTask(c.id);
    await t.http().post(`/api/v1/tasks/${task.id}/complete`).set('Authorization', await auth(luca)).send({ data: { verificaAnpr: true, esito: 'accolta', motivazione: 'Residenza verificata in ANPR' } }).expect(200);
    // an accepted case cannot be withdrawn any more
    expect((await t.http().post(`/api/v1/cases/${c.id}/withdraw`).set('Authorization', await auth(mario)).send({}).expect(409)).body.code).toBe('CASE_NOT_WITHDRAWABLE');
    for (const stars of [0, 6, 4.5, '5']) {
      const bad = await t.http().post(`/api/v1/cases/${c.id}/rating`).set('Authorization', await auth(mario)).send({ stars }).expect(400);
      expect(bad.body.errors[0].field).toBe('stars');
    }
    await t.http().post(`/api/v1/cases/${c.id}/rating`).set('Authorization', await auth(laura)).send({ stars: 1 }).expect(404);
    const rated = await t.http().post(`/api/v1/cases/${c.id}/rating`).set('Authorization', await auth(mario)).send({ stars: 4, comment: ' Veloce ' }).expect(201);
    expect(rated.body).toMatchObject({ stars: 4, comment: 'Veloce' });
    const twice = await t.http().post(`/api/v1/cases/${c.id}/rating`).set('Authorization', await auth(mario)).send({ stars: 5 }).expect(409);
    expect(twice.body.code).toBe('CASE_ALREADY_RATED');
    const view = (await t.http().get(`/api/v1/cases/${c.id}`).set('Authorization', await auth(mario)).expect(200)).body;
    expect(view.rating).toMatchObject({ stars: 4, comment: 'Veloce' });
  });
});
