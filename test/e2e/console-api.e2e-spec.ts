import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogueService } from '../../src/modules/catalogue';
import { DEMO_CITIZENS, DEMO_OPERATORS, OperatorPrincipal, StaffAuthService } from '../../src/modules/identity';
import { aCertificatoResidenzaRequest } from '../factories/case.factory';
import { databaseLabel, dropTestSchema, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';

const mario = DEMO_CITIZENS[0];
const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!; // anagrafe
/** An operator of two offices, as the polyvalent desks of the seeds. */
const multi: OperatorPrincipal = { kind: 'operator', userId: 'marta.sala', name: 'Marta Sala', offices: ['anagrafe', 'tributi'], headOf: [] };
const FORM = 'istruttoria-certificato-residenza';
const decision = { verificaAnpr: true, esito: 'accolta', motivazione: 'Residenza verificata in ANPR' };

interface Item {
  id: string;
  caseId: string;
  office: string;
  assignee: string | null;
  completedBy: string | null;
}

describe(`console API (task detail, forms by version, completed lists, multi-office tasks) on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys' });
  let t: TestApp;
  let dir: string;
  const auth = async (p: Parameters<TestApp['token']>[0]) => `Bearer ${await t.token(p)}`;
  const file = async () =>
    (await t.http().post('/api/v1/cases').set('Authorization', await auth(mario)).send({ procedureKey: 'certificato-residenza', data: aCertificatoResidenzaRequest() }).expect(201)).body;
  const list = async (who: OperatorPrincipal, query: string) =>
    (await t.http().get(`/api/v1/tasks?${query}`).set('Authorization', await auth(who)).expect(200)).body as { items: Item[]; nextCursor: string | null };
  const taskOf = async (caseId: string) => (await list(luca, 'office=anagrafe&pageSize=100')).items.find((i) => i.caseId === caseId)!;

  let caseA: { id: string };
  let caseB: { id: string };

  beforeAll(async () => {
    t = await startTestApp(config);
    // staff tokens must belong to active staff accounts: Marta is one, member of both offices
    await t.app.get(StaffAuthService).create({ id: multi.userId, name: multi.name, kind: 'operator', memberships: [{ office: 'anagrafe', role: 'operator' }, { office: 'tributi', role: 'operator' }] });
    caseA = await file();
    // given: a new catalogue version: the decision form gains a field, the verification goes to two offices
    dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
    cpSync('processes', join(dir, 'processes'), { recursive: true });
    cpSync('forms', join(dir, 'forms'), { recursive: true });
    const formFile = join(dir, 'forms', `${FORM}.form.json`);
    const form = JSON.parse(readFileSync(formFile, 'utf8')) as { components: unknown[] };
    form.components.push({ type: 'textfield', id: 'NoteVerifica', key: 'noteVerifica', label: 'Note della verifica' });
    writeFileSync(formFile, JSON.stringify(form));
    const bpmnFile = join(dir, 'processes', 'certificato-residenza.bpmn');
    writeFileSync(bpmnFile, readFileSync(bpmnFile, 'utf8').replace('camunda:candidateGroups="anagrafe"', 'camunda:candidateGroups="anagrafe,tributi"'));
    await t.app.get(CatalogueService).deploy({ processesDir: join(dir, 'processes'), formsDir: join(dir, 'forms') });
    caseB = await file();
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
    await dropTestSchema(config);
  });

  it('given cases on two model versions, when their tasks are read, then each carries the case data, timeline and the form deployed with its model version', async () => {
    const a = (await t.http().get(`/api/v1/tasks/${(await taskOf(caseA.id)).id}`).set('Authorization', await auth(luca)).expect(200)).body;
    expect(a.form).toMatchObject({ key: FORM, version: 1 });
    expect(JSON.stringify(a.form.schema)).not.toContain('noteVerifica');
    expect(a.case).toMatchObject({ id: caseA.id, status: 'inviata', data: { tipoCertificato: 'residenza', richiedente: { codiceFiscale: mario.fiscalCode } }, attachments: [] });
    expect(a.case.timeline.map((e: { status: string }) => e.status)).toEqual(['inviata']);
    expect(a.case.legalClock).toMatchObject({ deadline: a.case.legalDeadline, suspended: false });
    expect(a.dueAt).toBe(a.case.legalDeadline);

    const b = (await t.http().get(`/api/v1/tasks/${(await taskOf(caseB.id)).id}`).set('Authorization', await auth(luca)).expect(200)).body;
    expect(b.form).toMatchObject({ key: FORM, version: 2 });
    expect(JSON.stringify(b.form.schema)).toContain('noteVerifica');

    // the forms API serves the newest version, or the one asked for
    expect((await t.http().get(`/api/v1/forms/${FORM}`).expect(200)).body).toMatchObject({ key: FORM, version: 2 });
    expect((await t.http().get(`/api/v1/forms/${FORM}?version=1`).expect(200)).body).toMatchObject({ key: FORM, version: 1 });
    expect((await t.http().get(`/api/v1/forms/${FORM}?version=9`).expect(404)).body.code).toBe('CATALOGUE_FORM_NOT_FOUND');
    expect((await t.http().get(`/api/v1/forms/${FORM}?version=uno`).expect(400)).body.errors[0].field).toBe('version');
  });

  it('given a task queued to two offices, when an operator of both lists, claims and completes it, then it appears once, is claimed in every queue, and lands in the completed lists', async () => {
    const b = await taskOf(caseB.id);
    // once without an office filter, once per office when filtered
    const all = (await list(multi, 'pageSize=100')).items.filter((i) => i.caseId === caseB.id);
    expect(all).toHaveLength(1);
    expect((await list(multi, 'office=tributi&pageSize=100')).items.filter((i) => i.caseId === caseB.id)).toHaveLength(1);
    expect((await list(multi, 'office=anagrafe&pageSize=100')).items.filter((i) => i.caseId === caseB.id)).toHaveLength(1);

    // claimed through the tributi queue, it is taken in the anagrafe queue too
    await t.http().post(`/api/v1/tasks/${b.id}/claim`).set('Authorization', await auth(multi)).expect(200);
    expect((await taskOf(caseB.id)).assignee).toBe(multi.userId);
    expect((await t.http().post(`/api/v1/tasks/${b.id}/claim`).set('Authorization', await auth(luca)).expect(409)).body.code).toBe('TASK_CLAIMED_BY_OTHER');
    const taken = (await t.http().get(`/api/v1/cases/${caseB.id}`).set('Authorization', await auth(mario)).expect(200)).body;
    expect(taken.timeline[1]).toMatchObject({ status: 'presa-in-carico', actorKind: 'operator', office: 'anagrafe' });

    // when both tasks are completed, by two operators
    await t.http().post(`/api/v1/tasks/${b.id}/complete`).set('Authorization', await auth(multi)).send({ data: decision }).expect(200);
    const a = await taskOf(caseA.id);
    await t.http().post(`/api/v1/tasks/${a.id}/complete`).set('Authorization', await auth(luca)).send({ data: decision }).expect(200);

    // then: completed by me, by my office; each task once; newest first
    const mine = (await list(multi, 'state=completed&completedBy=me')).items;
    expect(mine.map((i) => i.id)).toEqual([b.id]);
    expect(mine[0].completedBy).toBe(`operator:${multi.userId}`);
    expect((await list(luca, 'state=completed&completedBy=me')).items.map((i) => i.id)).toEqual([a.id]);
    const office = (await list(luca, 'state=completed&completedBy=office')).items.map((i) => i.id);
    expect(office).toEqual([a.id, b.id]);
    expect((await list(multi, 'state=completed')).items.map((i) => i.id)).toEqual([a.id, b.id]);
    // keyset paging gives the same list, one per page
    const first = await list(luca, 'state=completed&pageSize=1');
    expect(first.items.map((i) => i.id)).toEqual([a.id]);
    const second = await list(luca, `state=completed&pageSize=1&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.id)).toEqual([b.id]);
    expect(second.nextCursor).toBeNull();
    // and the open inbox no longer has them
    expect((await list(luca, 'pageSize=100')).items.filter((i) => [caseA.id, caseB.id].includes(i.caseId))).toEqual([]);

    const bad = await t.http().get('/api/v1/tasks?completedBy=me').set('Authorization', await auth(luca)).expect(400);
    expect(bad.body.errors[0].field).toBe('completedBy');
  });
});
