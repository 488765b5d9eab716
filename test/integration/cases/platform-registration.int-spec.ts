import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DEMO_CITIZENS, DEMO_OPERATORS } from '../../../src/modules/identity';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';

const FIXTURE = join(__dirname, '../../fixtures/catalogue/platform-registration');
const mario = DEMO_CITIZENS[0];
const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!;

/** Issue 7: the platform registers every istanza, whatever the diagram says (DPR 445/2000 art. 53). */
describe(`registration by the platform on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', PROCESSES_DIR: join(FIXTURE, 'processes'), FORMS_DIR: join(FIXTURE, 'forms'), DATA_DIR: '.test-data/e2e-keys' });
  let t: TestApp;
  let ds: DataSource;
  const auth = async (p: Parameters<TestApp['token']>[0]) => `Bearer ${await t.token(p)}`;
  const entriesOf = async (caseId: string) =>
    (await ds.query(`select direction, number, year, subject, office, correspondent_fiscal_code from protocol_entry where case_id = $1 order by number`, [caseId])) as Array<{
      direction: string;
      number: number;
      year: number;
      subject: string;
      office: string;
      correspondent_fiscal_code: string;
    }>;

  beforeAll(async () => {
    t = await startTestApp(config);
    ds = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  it('given a procedure without any protocol node, when a citizen files, then the case still gets an inbound protocol number', async () => {
    // when
    const filed = await t.http().post('/api/v1/cases').set('Authorization', await auth(mario)).send({ procedureKey: 'pratica-senza-protocollo', data: { nome: 'Mario' } }).expect(201);
    // then: the acknowledgement carries the number, the register holds one inbound entry for the case
    expect(filed.body.protocol.number).toMatch(/^\d{7}$/);
    const entries = await entriesOf(filed.body.id);
    expect(entries).toEqual([
      { direction: 'in', number: Number(filed.body.protocol.number), year: filed.body.protocol.year, subject: 'Pratica senza nodo di protocollo', office: 'anagrafe', correspondent_fiscal_code: mario.fiscalCode },
    ]);
    // and: the office's task carries it, and the inbox finds it by exact protocol number
    const inbox = await t.http().get(`/api/v1/tasks?office=anagrafe&q=${filed.body.protocol.number}`).set('Authorization', await auth(luca)).expect(200);
    expect(inbox.body.items.map((i: { caseId: string; protocolNumber: string }) => [i.caseId, i.protocolNumber])).toEqual([[filed.body.id, filed.body.protocol.number]]);
  });

  it('given the outcome registered outbound by the diagram, when the office concludes, then the act gets its own number and the case shows it', async () => {
    // given
    const filed = await t.http().post('/api/v1/cases').set('Authorization', await auth(mario)).send({ procedureKey: 'pratica-senza-protocollo', data: { nome: 'Mario' } }).expect(201);
    const inbox = await t.http().get('/api/v1/tasks?office=anagrafe').set('Authorization', await auth(luca)).expect(200);
    const task = inbox.body.items.find((i: { caseId: string }) => i.caseId === filed.body.id);
    // when
    await t.http().post(`/api/v1/tasks/${task.id}/claim`).set('Authorization', await auth(luca)).expect(200);
    await t.http().post(`/api/v1/tasks/${task.id}/complete`).set('Authorization', await auth(luca)).send({ data: { esito: 'accolta' } }).expect(200);
    // then
    const done = await t.http().get(`/api/v1/cases/${filed.body.id}`).set('Authorization', await auth(mario)).expect(200);
    expect(done.body.outcomeProtocol.number).toMatch(/^\d{7}$/);
    expect(Number(done.body.outcomeProtocol.number)).toBeGreaterThan(Number(filed.body.protocol.number));
    expect(done.body.protocol.number).toBe(filed.body.protocol.number);
    expect((await entriesOf(filed.body.id)).map((e) => [e.direction, e.number])).toEqual([
      ['in', Number(filed.body.protocol.number)],
      ['out', Number(done.body.outcomeProtocol.number)],
    ]);
  });

  it('given an older diagram that registers the istanza after the start event, when a citizen files, then the istanza is registered once', async () => {
    // when
    const filed = await t.http().post('/api/v1/cases').set('Authorization', await auth(mario)).send({ procedureKey: 'pratica-prova', data: { nome: 'Mario' } }).expect(201);
    // then
    expect(filed.body.protocol.number).toMatch(/^\d{7}$/);
    const entries = await entriesOf(filed.body.id);
    expect(entries.map((e) => [e.direction, e.number])).toEqual([['in', Number(filed.body.protocol.number)]]);
    const incidents = (await ds.query(`select count(*)::int as n from engine_incident`)) as Array<{ n: number }>;
    expect(incidents[0].n).toBe(0);
  });
});
