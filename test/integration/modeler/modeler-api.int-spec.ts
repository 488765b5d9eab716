import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ANALYSTS, DEMO_CITIZENS, DEMO_OPERATORS, Principal } from '../../../src/modules/identity';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';

const analyst = DEMO_ANALYSTS[0];
const SHIPPED = join(__dirname, '../../../processes/certificato-residenza.bpmn');
const F = 'processes/certificato-residenza.bpmn';

describe(`modeler API on ${databaseLabel()}`, () => {
  let config: ReturnType<typeof testConfig>;
  let t: TestApp;
  const as = async (p: Principal) => ({ Authorization: `Bearer ${await t.token(p)}` });

  beforeAll(async () => {
    config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/modeler-keys' });
    t = await startTestApp(config);
  });
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  it.each([
    ['nobody logged in', null, 401],
    ['a citizen', DEMO_CITIZENS[0], 403],
    ['an operator', DEMO_OPERATORS[0], 403],
    ['an analyst', analyst, 200],
  ] as Array<[string, Principal | null, number]>)('given %s, when the modeler API is asked for the catalogue, then it answers %i', async (_who, principal, status) => {
    // given
    const headers = principal ? await as(principal) : {};
    // when
    const res = await t.http().get('/modeler/api/catalogue').set(headers);
    // then
    expect(res.status).toBe(status);
  });

  it('given the shipped catalogue, when an analyst asks the context, then offices, forms, registered services and statuses come back', async () => {
    // when
    const res = await t.http().get('/modeler/api/context').set(await as(analyst)).expect(200);
    // then
    expect(res.body.offices).toContainEqual({ key: 'anagrafe', name: expect.any(String) });
    expect(res.body.formKeys).toContain('richiesta-certificato-residenza');
    expect(res.body.serviceNames).toContain('protocol.register');
    expect(res.body.citizenStatuses).toContain('presa-in-carico');
    expect(res.body.lint.officeKeys).toEqual(res.body.offices.map((o: { key: string }) => o.key));
    const services = await t.http().get('/modeler/api/services').set(await as(analyst)).expect(200);
    expect(services.body.serviceNames).toEqual(res.body.serviceNames);
  });

  it('given a draft naming an unknown office and dropping the diagram, when validated, then the catalogue lint reports both on their elements', async () => {
    // given
    const xml = readFileSync(SHIPPED, 'utf8')
      .replace('camunda:candidateGroups="anagrafe"', 'camunda:candidateGroups="ufficio-inesistente"')
      .replace(/<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/, '');
    // when
    const res = await t.http().post('/modeler/api/procedures/certificato-residenza/validate').set(await as(analyst)).send({ xml }).expect(200);
    // then
    expect(res.body.problems).toContain(`${F}, process certificato-residenza: has no diagram (BPMN diagram interchange); run npm run catalogue:layout or draw it in the modeler`);
    expect(res.body.problems).toContain(`${F}, userTask Task_Verifica: candidate group "ufficio-inesistente" is neither an office in processes/offices.json nor "citizen"`);
  });

  it('given an analyst saves a draft, when the procedure is listed and opened, then the draft is what the modeler shows', async () => {
    // given
    const xml = readFileSync(SHIPPED, 'utf8').replace('sta verificando i dati anagrafici.', 'verifica i dati in ANPR.');
    // when
    const saved = await t.http().put('/modeler/api/procedures/certificato-residenza/draft').set(await as(analyst)).send({ xml }).expect(200);
    // then
    expect(saved.body.problems).toEqual([]);
    const list = await t.http().get('/modeler/api/catalogue').set(await as(analyst)).expect(200);
    expect(list.body.procedures).toContainEqual(
      expect.objectContaining({ key: 'certificato-residenza', source: 'file+draft', draftUpdatedBy: analyst.kind === 'analyst' ? analyst.userId : '' }),
    );
    const opened = await t.http().get('/modeler/api/procedures/certificato-residenza').set(await as(analyst)).expect(200);
    expect(opened.body).toEqual({ key: 'certificato-residenza', xml, draft: true });
  });

  it('given a form draft, when opened, then its schema comes back; a bad key or a missing body names the field', async () => {
    // given
    const { body: form } = await t.http().get('/modeler/api/forms/istruttoria-certificato-residenza').set(await as(analyst)).expect(200);
    const schema = { ...form.schema, components: [...form.schema.components, { type: 'textfield', key: 'nota', label: 'Nota' }] };
    // when
    await t.http().put('/modeler/api/forms/istruttoria-certificato-residenza/draft').set(await as(analyst)).send({ schema }).expect(200);
    // then
    const reopened = await t.http().get('/modeler/api/forms/istruttoria-certificato-residenza').set(await as(analyst)).expect(200);
    expect(reopened.body).toEqual({ key: 'istruttoria-certificato-residenza', schema, draft: true });
    const badKey = await t.http().get('/modeler/api/procedures/Certificato_Residenza').set(await as(analyst)).expect(400);
    expect(badKey.body.fieldErrors ?? badKey.body.errors).toEqual([expect.objectContaining({ field: 'key' })]);
    const noXml = await t.http().put('/modeler/api/procedures/nuova-pratica/draft').set(await as(analyst)).send({}).expect(400);
    expect(noXml.body.fieldErrors ?? noXml.body.errors).toEqual([expect.objectContaining({ field: 'xml' })]);
    await t.http().get('/modeler/api/procedures/nuova-pratica').set(await as(analyst)).expect(404);
  });
});
