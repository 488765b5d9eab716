import { DataSource } from 'typeorm';
import { DomainException } from '../../../src/common';
import { CasesService, FilingContext } from '../../../src/modules/cases';
import { CitizenPrincipal, DEMO_CITIZENS, DEMO_OPERATORS } from '../../../src/modules/identity';
import { aCertificatoResidenzaRequest } from '../../factories/case.factory';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';

const laura = DEMO_CITIZENS[1];
const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!;
/** A citizen whose identity provider gave no e-mail: the form's e-mail is the one the register receives. */
const mario: CitizenPrincipal = { kind: 'citizen', fiscalCode: 'RSSMRA80A01H501U', givenName: 'Mario', familyName: 'Rossi' };

describe(`filing a case on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys' });
  let t: TestApp;
  let ds: DataSource;
  let cases: CasesService;
  const auth = async (p: Parameters<TestApp['token']>[0]) => `Bearer ${await t.token(p)}`;
  const count = async (sql: string): Promise<number> => ((await ds.query(sql)) as Array<{ n: number }>)[0].n;
  const stored = async () => ({
    cases: await count(`select count(*)::int as n from case_file`),
    entries: await count(`select count(*)::int as n from protocol_entry`),
    counter: await count(`select coalesce(sum(last_number), 0)::int as n from protocol_counter`),
    instances: await count(`select count(*)::int as n from engine_instance`),
    outbox: await count(`select count(*)::int as n from notification_outbox`),
  });
  const file = async (principal: CitizenPrincipal, data: object, key?: string) => {
    const req = t.http().post('/api/v1/cases').set('Authorization', await auth(principal));
    if (key) req.set('Idempotency-Key', key);
    return req.send({ procedureKey: 'certificato-residenza', data });
  };
  // Switches for the listeners this suite registers once on the running app.
  let failStatusEvery = 0;
  let statusCalls = 0;
  let filingListener: ((ctx: FilingContext) => ReturnType<Parameters<CasesService['onFiling']>[0]>) | undefined;

  beforeAll(async () => {
    t = await startTestApp(config);
    ds = t.app.get(DataSource);
    cases = t.app.get(CasesService);
    cases.onStatusChange(async ({ status }) => {
      if (status !== 'inviata' || !failStatusEvery) return;
      statusCalls += 1;
      if (statusCalls % failStatusEvery === 0) throw new Error('a step after the protocol entry failed');
    });
    cases.onFiling(async (ctx) => filingListener?.(ctx));
  });
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  it('given an e-mail the register would refuse, when a citizen files, then 422 names the field and nothing is stored, no number consumed', async () => {
    // given
    const before = await stored();
    const data = aCertificatoResidenzaRequest({ richiedente: { nome: 'Mario', cognome: 'Rossi', codiceFiscale: mario.fiscalCode, email: 'mario@localhost' } });
    // when
    const res = await file(mario, data);
    // then
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'CASE_NOT_REGISTRABLE', errors: [expect.objectContaining({ field: 'data.richiedente.email' })] });
    expect(await stored()).toEqual(before);
    // and: the same citizen with a proper address files, and takes the next number
    const ok = await file(mario, aCertificatoResidenzaRequest());
    expect(ok.status).toBe(201);
    expect(Number(ok.body.protocol.number)).toBe(before.counter + 1);
  });

  it('given an Idempotency-Key already used, when it comes with a different body, then 422; with the same body, the first case', async () => {
    // given
    const first = await file(laura, aCertificatoResidenzaRequest(), 'chiave-laura-0001');
    expect(first.status).toBe(201);
    // when
    const same = await file(laura, aCertificatoResidenzaRequest(), 'chiave-laura-0001');
    const different = await file(laura, aCertificatoResidenzaRequest({ numeroCopie: 3 }), 'chiave-laura-0001');
    // then
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ id: first.body.id, protocol: first.body.protocol });
    expect(different.status).toBe(422);
    expect(different.body).toMatchObject({ code: 'CASE_IDEMPOTENCY_KEY_REUSED', errors: [expect.objectContaining({ field: 'Idempotency-Key' })] });
    expect(await count(`select count(*)::int as n from case_file where idempotency_key = 'chiave-laura-0001'`)).toBe(1);
  });

  it('given two retries with one Idempotency-Key racing, when both arrive, then one case is filed and both answers name it', async () => {
    // when
    const [a, b] = await Promise.all([file(laura, aCertificatoResidenzaRequest(), 'chiave-laura-gara'), file(laura, aCertificatoResidenzaRequest(), 'chiave-laura-gara')]);
    // then
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(a.body.protocol.number).toBe(b.body.protocol.number);
    expect(await count(`select count(*)::int as n from protocol_entry where case_id = '${a.body.id}'`)).toBe(1);
  });

  it('given a filing listener, when it contributes a document, then the inbound entry lists it with the submitted data; when it refuses, nothing is stored', async () => {
    // given
    filingListener = async (ctx) => {
      if (ctx.data.numeroCopie === 4) throw new DomainException('TEST_ATTACHMENT_MISSING', 'unprocessable', 'Allegato mancante', { fieldErrors: [{ field: 'allegato', message: 'manca' }] });
      return { documents: [{ name: 'documento-identita.pdf', sha256: 'cd'.repeat(32), mediaType: 'application/pdf', size: 2048 }] };
    };
    try {
      // when
      const accepted = await file(laura, aCertificatoResidenzaRequest({ numeroCopie: 2 }));
      const before = await stored();
      const refused = await file(laura, aCertificatoResidenzaRequest({ numeroCopie: 4 }));
      // then
      expect(accepted.status).toBe(201);
      const [entry] = (await ds.query(`select documents, channel, subject, office from protocol_entry where case_id = $1`, [accepted.body.id])) as Array<{
        documents: Array<{ name: string; sha256: string }>;
        channel: string;
        subject: string;
        office: string;
      }>;
      expect(entry).toMatchObject({ channel: 'web', subject: 'Certificato di residenza', office: 'anagrafe' });
      expect(entry.documents.map((d) => d.name)).toEqual(['certificato-residenza.json', 'documento-identita.pdf']);
      expect(entry.documents[0].sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'TEST_ATTACHMENT_MISSING', errors: [{ field: 'allegato', message: 'manca' }] });
      expect(await stored()).toEqual(before);
    } finally {
      filingListener = undefined;
    }
  });

  it('given 50 filings at once, some failing after their protocol entry was written, when they settle, then the register is exactly 1..N over the acknowledged ones', async () => {
    // given: every 5th filing fails in a step after the entry (its status listener)
    failStatusEvery = 5;
    statusCalls = 0;
    const citizens = DEMO_CITIZENS.slice(0, 4);
    // when
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => file(citizens[i % citizens.length], aCertificatoResidenzaRequest({ numeroCopie: 1 + (i % 5) }))),
    );
    failStatusEvery = 0;
    // then
    const acknowledged = results.filter((r) => r.status === 201);
    expect(acknowledged).toHaveLength(40);
    expect(results.filter((r) => r.status === 500)).toHaveLength(10);
    const entries = (await ds.query(`select year, number, case_id from protocol_entry order by year, number`)) as Array<{ year: number; number: number; case_id: string }>;
    expect(entries.map((e) => e.number)).toEqual(entries.map((_, i) => i + 1));
    expect(await count(`select coalesce(sum(last_number), 0)::int as n from protocol_counter`)).toBe(entries.length);
    const numberOf = new Map(entries.map((e) => [e.case_id, String(e.number).padStart(7, '0')]));
    for (const r of acknowledged) expect(r.body.protocol.number).toBe(numberOf.get(r.body.id));
    expect(await count(`select count(*)::int as n from case_file`)).toBe(entries.length);
    // and: each open task carries its case's number, for the inbox's exact search
    const tasks = (await ds.query(`select t.protocol_number, c.protocol_number as case_number from task t join case_file c on c.id = t.case_id where t.status = 'open'`)) as Array<{
      protocol_number: string;
      case_number: string;
    }>;
    for (const task of tasks) expect(task.protocol_number).toBe(task.case_number);
    const probe = acknowledged[7].body;
    const inbox = await t.http().get(`/api/v1/tasks?office=anagrafe&q=${probe.protocol.number}`).set('Authorization', await auth(luca)).expect(200);
    expect(inbox.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([probe.id]);
  });
});
