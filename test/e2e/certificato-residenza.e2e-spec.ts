import { createHash } from 'node:crypto';
import { ActIssuer } from '../../src/modules/documents';
import { DEMO_CITIZENS, DEMO_OPERATORS } from '../../src/modules/identity';
import { OutboxDispatcher } from '../../src/modules/notifications';
import { readPdf } from '../support/pdf-text';
import { SmtpPeer } from '../support/smtp-peer';
import { databaseLabel, dropTestSchema, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';
import { aCertificatoResidenzaRequest } from '../factories/case.factory';

const mario = DEMO_CITIZENS[0];
const laura = DEMO_CITIZENS[1];
const anna = DEMO_OPERATORS.find((o) => o.userId === 'anna.esposito')!;
const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!;
const sara = DEMO_OPERATORS.find((o) => o.userId === 'sara.colombo')!;

const request = aCertificatoResidenzaRequest();

describe(`certificato di residenza over HTTP on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys' });
  let t: TestApp;
  const auth = async (p: Parameters<TestApp['token']>[0]) => `Bearer ${await t.token(p)}`;

  beforeAll(async () => {
    t = await startTestApp(config);
  });
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  it('given a citizen, when they file, are verified and accepted, then the timeline, protocol and outcome are right', async () => {
    // given / when: the citizen files
    const filed = await t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', await auth(mario))
      .send({ procedureKey: 'certificato-residenza', data: { ...request, campoSconosciuto: 'x' } })
      .expect(201);
    const c = filed.body;
    expect(c.protocol.number).toMatch(/^\d{7}$/);
    // not taken in charge until an operator claims the task (AgID criterion 9)
    expect(c.status).toBe('inviata');
    expect(c.takenInChargeAt).toBeNull();
    expect(c.legalDays).toBe(30);
    expect(c.timeline.map((e: { status: string }) => e.status)).toEqual(['inviata']);

    // the office sees it in its inbox with the citizen and the protocol number
    const inbox = await t.http().get('/api/v1/tasks?office=anagrafe').set('Authorization', await auth(luca)).expect(200);
    const task = inbox.body.items.find((i: { caseId: string }) => i.caseId === c.id);
    expect(task).toMatchObject({ citizenName: 'Mario Rossi', protocolNumber: c.protocol.number, procedure: { key: 'certificato-residenza' } });

    // another office cannot touch it, nor learn that it exists
    await t.http().post(`/api/v1/tasks/${task.id}/claim`).set('Authorization', await auth(sara)).expect(404);
    // Luca claims it; Anna cannot claim it too
    await t.http().post(`/api/v1/tasks/${task.id}/claim`).set('Authorization', await auth(luca)).expect(200);
    const claimed = (await t.http().get(`/api/v1/cases/${c.id}`).set('Authorization', await auth(mario)).expect(200)).body;
    expect(claimed).toMatchObject({ status: 'presa-in-carico', displayStatus: 'in elaborazione' });
    expect(claimed.takenInChargeAt).not.toBeNull();
    expect(claimed.timeline[1]).toMatchObject({ status: 'presa-in-carico', actorKind: 'operator', office: 'anagrafe' });
    const race = await t.http().post(`/api/v1/tasks/${task.id}/claim`).set('Authorization', await auth(anna)).expect(409);
    expect(race.body).toMatchObject({ code: 'TASK_CLAIMED_BY_OTHER' });
    // incomplete decision data is refused with field errors
    const bad = await t.http().post(`/api/v1/tasks/${task.id}/complete`).set('Authorization', await auth(luca)).send({ data: { esito: 'accolta' } }).expect(422);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['motivazione', 'verificaAnpr']);
    // Luca accepts
    await t
      .http()
      .post(`/api/v1/tasks/${task.id}/complete`)
      .set('Authorization', await auth(luca))
      .send({ data: { verificaAnpr: true, esito: 'accolta', motivazione: 'Residenza verificata in ANPR' } })
      .expect(200);
    // completing again is a conflict
    await t.http().post(`/api/v1/tasks/${task.id}/complete`).set('Authorization', await auth(luca)).send({ data: {} }).expect(409);

    // then: the citizen sees the outcome
    const done = await t.http().get(`/api/v1/cases/${c.id}`).set('Authorization', await auth(mario)).expect(200);
    expect(done.body).toMatchObject({ status: 'accettata', outcome: 'accettata', displayStatus: 'accettata' });
    expect(done.body.closedAt).not.toBeNull();
    // the outcome act got its own, later, protocol number
    expect(Number(done.body.outcomeProtocol.number)).toBeGreaterThan(Number(c.protocol.number));
    expect(done.body.timeline.map((e: { status: string }) => e.status)).toEqual(['inviata', 'presa-in-carico', 'accettata']);
    // another citizen gets 404, and the public look-up needs code + fiscal code
    await t.http().get(`/api/v1/cases/${c.id}`).set('Authorization', await auth(laura)).expect(404);
    const looked = await t.http().post('/api/v1/cases/status').send({ code: c.code, fiscalCode: mario.fiscalCode }).expect(200);
    expect(looked.body.status).toBe('accettata');
    await t.http().post('/api/v1/cases/status').send({ code: c.code, fiscalCode: laura.fiscalCode }).expect(404);
    // my cases
    const mine = await t.http().get('/api/v1/cases').set('Authorization', await auth(mario)).expect(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
  });

  it('given wrong data, when filing, then 422 names the fields and no case or protocol number is used', async () => {
    // when
    const res = await t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', await auth(laura))
      .send({ procedureKey: 'certificato-residenza', data: { ...request, numeroCopie: 9, richiedente: { ...request.richiedente, email: 'non-una-mail' }, tipoCertificato: 'altro' } })
      .expect(422);
    // then
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['numeroCopie', 'richiedente.email', 'tipoCertificato']);
    const mine = await t.http().get('/api/v1/cases').set('Authorization', await auth(laura)).expect(200);
    expect(mine.body.total).toBe(0);
  });

  it('given a retried submission, when the same Idempotency-Key is sent, then the same case comes back', async () => {
    const token = await auth(DEMO_CITIZENS[2]);
    const body = { procedureKey: 'certificato-residenza', data: request };
    const first = await t.http().post('/api/v1/cases').set('Authorization', token).set('Idempotency-Key', 'retry-abc-123').send(body).expect(201);
    const again = await t.http().post('/api/v1/cases').set('Authorization', token).set('Idempotency-Key', 'retry-abc-123').send(body).expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.protocol.number).toBe(first.body.protocol.number);
  });

  it('given bad requests, when sent, then each gets a clear problem+json', async () => {
    const token = await auth(mario);
    await t.http().post('/api/v1/cases').send({}).expect(401);
    await t.http().post('/api/v1/cases').set('Authorization', await auth(luca)).send({}).expect(403);
    const unknown = await t.http().post('/api/v1/cases').set('Authorization', token).send({ procedureKey: 'non-esiste', data: {} }).expect(404);
    expect(unknown.body.code).toBe('CATALOGUE_PROCEDURE_NOT_FOUND');
    const malformed = await t.http().post('/api/v1/cases').set('Authorization', token).set('Content-Type', 'application/json').send('{"procedureKey":').expect(400);
    expect(malformed.body.code).toBe('REQUEST_ENTITY_PARSE_FAILED');
    const huge = await t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', token)
      .send({ procedureKey: 'certificato-residenza', data: { ...request, note: 'x'.repeat(300_000) } })
      .expect(413);
    expect(huge.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});

describe(`certificato di residenza issued from ANPR, in Documenti, verifiable and e-mailed, on ${databaseLabel()}`, () => {
  const smtp = new SmtpPeer();
  let config: ReturnType<typeof testConfig>;
  let t: TestApp;
  const auth = async (p: Parameters<TestApp['token']>[0]) => `Bearer ${await t.token(p)}`;

  beforeAll(async () => {
    await smtp.start();
    config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys', SMTP_URL: smtp.url, NOTIFICATIONS_ENABLED: 'false', COMUNE_NAME: 'Comune di Vallefiorita' });
    t = await startTestApp(config);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await dropTestSchema(config);
  });

  it('given a citizen asking the contestuale in school exemption, when the office accepts, then the certificate with ANPR data is in Documenti, verifies at /documenti/verifica/{code}, and the e-mail carries the same PDF', async () => {
    // given: Mario files
    const filed = (
      await t
        .http()
        .post('/api/v1/cases')
        .set('Authorization', await auth(mario))
        .send({ procedureKey: 'certificato-residenza', data: aCertificatoResidenzaRequest({ tipoCertificato: 'residenza-stato-famiglia', esenzioneBollo: true, motivoEsenzione: 'scuola' }) })
        .expect(201)
    ).body;
    const task = (await t.http().get('/api/v1/tasks?office=anagrafe').set('Authorization', await auth(luca)).expect(200)).body.items.find((i: { caseId: string }) => i.caseId === filed.id);
    await t.http().post(`/api/v1/tasks/${task.id}/claim`).set('Authorization', await auth(luca)).expect(200);
    // when: Luca accepts, and the issuer passes after the commit
    await t.http().post(`/api/v1/tasks/${task.id}/complete`).set('Authorization', await auth(luca)).send({ data: { verificaAnpr: true, esito: 'accolta', motivazione: 'Residenza verificata in ANPR' } }).expect(200);
    expect(await t.app.get(ActIssuer).issueDue()).toEqual({ issued: 1, retried: 0, refused: 0 });
    // then: in Mario's documents
    const docs = (await t.http().get(`/api/v1/cases/${filed.id}/documents`).set('Authorization', await auth(mario)).expect(200)).body;
    const act = (docs.items ?? docs).find((d: { kind: string }) => d.kind === 'act');
    expect(act).toMatchObject({ name: expect.stringMatching(/^certificato-.+\.pdf$/), mediaType: 'application/pdf' });
    const download = await t.http().get(`/api/v1/documents/${act.id}`).set('Authorization', await auth(mario)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const bytes = download.body as Buffer;
    const text = readPdf(bytes).text.replace(/\s+/g, ' ');
    expect(text).toContain('Certificato contestuale di residenza e stato di famiglia');
    expect(text).toContain('Via Roma 12');
    expect(text).toContain('Laura Bianchi');
    expect(text).toContain('Tabella allegato B, art. 11');
    expect(text).toContain(act.verificationCode);
    // it verifies publicly, with its protocol number and digest
    const page = await t.http().get(`/documenti/verifica/${act.verificationCode}`).expect(200);
    expect(page.text).toContain('Documento valido');
    expect(page.text).toContain(createHash('sha256').update(bytes).digest('hex'));
    // and Mario's e-mail carries the same PDF, the case code and the case link
    await t.app.get(OutboxDispatcher).dispatchDue();
    const mail = smtp.received.find((m) => m.envelopeTo.includes('mario.rossi@example.it') && /Documento emesso/.test(m.subject));
    expect(mail).toBeDefined();
    expect(mail!.subject).toContain(filed.code);
    expect(mail!.text).toContain(`/area-personale/pratiche/${filed.id}`);
    expect(mail!.attachments).toEqual([expect.objectContaining({ filename: act.name, contentType: 'application/pdf' })]);
    expect(mail!.attachments[0].content.equals(bytes)).toBe(true);
  });
});

describe('OpenAPI document', () => {
  const config = testConfig({ CATALOGUE_LOAD: 'false', DATA_DIR: '.test-data/e2e-keys' });
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(config);
  });
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  it('given the running app, when /api/docs-json is read without a token, then every API route is documented with problem+json errors', async () => {
    // when
    const res = await t.http().get('/api/docs-json').expect(200);
    // then
    const paths = Object.keys(res.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/{id}', '/api/v1/tasks', '/api/v1/tasks/{id}/complete', '/api/v1/procedures', '/api/v1/admin/incidents']),
    );
    expect(res.body.paths['/api/v1/cases'].post.responses.default.content['application/problem+json']).toBeDefined();
    expect(res.body.components.schemas.SubmitCaseRequestDto.properties).toHaveProperty('procedureKey');
    await t.http().get('/api/docs').expect(200);
  });
});
