import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { DataSource } from 'typeorm';
import { CatalogueService } from '../../../src/modules/catalogue';
import { CitizenPrincipal, DEMO_ANALYSTS, Principal } from '../../../src/modules/identity';
import { aCertificatoResidenzaRequest } from '../../factories/case.factory';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';

const analyst = DEMO_ANALYSTS[0];
const analystId = analyst.kind === 'analyst' ? analyst.userId : '';
const mario: CitizenPrincipal = { kind: 'citizen', fiscalCode: 'RSSMRA80A01H501U', givenName: 'Mario', familyName: 'Rossi' };
const SHIPPED = readFileSync(join(__dirname, '../../../processes/certificato-residenza.bpmn'), 'utf8');
const KEY = 'certificato-residenza';

/** The shipped diagram with its review task under another id: a case waiting on Task_Verifica would find no such step. */
const withRenamedReview = (xml: string): string => xml.replace(/Task_Verifica/g, 'Task_Controllo').replace('name="Verifica anagrafica"', 'name="Controllo anagrafico"');

describe(`modeler: versioned publish with a semantic diff, new procedures, forms, on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/modeler-keys' });
  let t: TestApp;
  let ds: DataSource;
  let headers: Record<string, string>;
  const as = async (p: Principal): Promise<Record<string, string>> => {
    const query = `utente=${p.kind === 'analyst' ? p.userId : ''}&ruolo=analista`;
    const login = await t.http().get(`/accesso/sviluppo?${query}&ritorno=/accesso`).expect(303);
    const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0];
    const page = await t.http().get('/accesso').set({ Cookie: cookie }).expect(200);
    const token = /<meta name="csrf-token" content="([^"]+)">/.exec(page.text)?.[1] ?? '';
    return { Cookie: cookie, 'X-CSRF-Token': token, Accept: 'application/json' };
  };
  const fileCase = async (procedureKey: string, data: object): Promise<string> => {
    const res = await t.http().post('/api/v1/cases').set('Authorization', `Bearer ${await t.token(mario)}`).send({ procedureKey, data }).expect(201);
    return res.body.id as string;
  };
  const modelVersionOfCase = async (caseId: string): Promise<number> => {
    const [row] = (await ds.query(
      `select m.version from case_file c join engine_instance i on i.id = c.instance_id join engine_model_version m on m.id = i.model_version_id where c.id = $1`,
      [caseId],
    )) as Array<{ version: number }>;
    return row.version;
  };
  const currentVersion = async (key: string): Promise<number> =>
    ((await ds.query('select model_version from catalogue_procedure where key = $1', [key])) as Array<{ model_version: number }>)[0].model_version;

  beforeAll(async () => {
    t = await startTestApp(config);
    ds = t.app.get(DataSource);
    headers = await as(analyst);
  });
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  it('given a draft with an unknown office, when published, then 422 lists the lint problem and nothing is published', async () => {
    // given
    const before = await currentVersion(KEY);
    const xml = SHIPPED.replace('camunda:candidateGroups="anagrafe"', 'camunda:candidateGroups="ufficio-inesistente"');
    await t.http().put(`/modeler/api/procedures/${KEY}/draft`).set(headers).send({ xml }).expect(200);
    // when
    const preview = await t.http().get(`/modeler/api/procedures/${KEY}/publication`).set(headers).expect(200);
    const res = await t.http().post(`/modeler/api/procedures/${KEY}/publish`).set(headers).send({ baseVersion: before });
    // then
    expect(preview.body.problems).toEqual([expect.stringContaining('candidate group "ufficio-inesistente"')]);
    expect([res.status, res.body.code]).toEqual([422, 'MODELER_PUBLISH_BLOCKED']);
    expect(res.body.fieldErrors ?? res.body.errors).toEqual([expect.objectContaining({ field: 'xml', message: expect.stringContaining('ufficio-inesistente') })]);
    expect(await currentVersion(KEY)).toBe(before);
  });

  it('given a case waiting on a step the draft renames, when the analyst reads the diff and publishes, then the old case stays on its version, a new case gets the new one, and the publish is audited', async () => {
    // given
    const oldCase = await fileCase(KEY, aCertificatoResidenzaRequest());
    const before = await currentVersion(KEY);
    await t.http().put(`/modeler/api/procedures/${KEY}/draft`).set(headers).send({ xml: withRenamedReview(SHIPPED).replace('value="30"', 'value="20"') }).expect(200);
    const { body: form } = await t.http().get('/modeler/api/forms/istruttoria-certificato-residenza').set(headers).expect(200);
    const schema = { ...form.schema, components: [...form.schema.components, { type: 'textfield', id: 'Nota', key: 'nota', label: 'Nota' }] };
    await t.http().put('/modeler/api/forms/istruttoria-certificato-residenza/draft').set(headers).send({ schema }).expect(200);
    // when
    const { body: preview } = await t.http().get(`/modeler/api/procedures/${KEY}/publication`).set(headers).expect(200);
    const published = await t.http().post(`/modeler/api/procedures/${KEY}/publish`).set(headers).send({ baseVersion: preview.current.version }).expect(201);
    // then: the diff
    expect(preview.problems).toEqual([]);
    expect(preview.current.version).toBe(before);
    expect(preview.diff.added).toContainEqual({ id: 'Task_Controllo', type: 'userTask', name: 'Controllo anagrafico' });
    expect(preview.diff.removed).toContainEqual({ id: 'Task_Verifica', type: 'userTask', name: 'Verifica anagrafica' });
    expect(preview.diff.changed).toContainEqual(expect.objectContaining({ id: 'Flow_Start_Verifica', changed: ['targetRef'] }));
    expect(preview.diff.forms).toEqual([{ formKey: 'istruttoria-certificato-residenza', added: ['nota'], removed: [], changed: [] }]);
    expect(preview.diff.metadata).toEqual([{ field: 'legalDays', before: '30', after: '20' }]);
    expect(preview.runningOnCurrent).toBeGreaterThanOrEqual(1);
    expect(preview.droppedWaitingSteps).toContainEqual(expect.objectContaining({ version: before, elementId: 'Task_Verifica', instances: expect.any(Number) }));
    // then: the publication
    expect(published.body).toEqual({ key: KEY, version: before + 1, created: true, runningOnPrevious: preview.runningOnCurrent });
    expect(await currentVersion(KEY)).toBe(before + 1);
    expect(await modelVersionOfCase(oldCase)).toBe(before);
    expect(await modelVersionOfCase(await fileCase(KEY, aCertificatoResidenzaRequest()))).toBe(before + 1);
    const list = await t.http().get('/modeler/api/catalogue').set(headers).expect(200);
    expect(list.body.procedures).toContainEqual(expect.objectContaining({ key: KEY, source: 'file' }));
    const opened = await t.http().get(`/modeler/api/procedures/${KEY}`).set(headers).expect(200);
    expect(opened.body.draft).toBe(false);
    expect(opened.body.xml).toContain('Task_Controllo');
    const audit = (await ds.query(`select actor_kind, actor_subject, resource_type, resource_id from audit_event where action = 'procedure.publish'`)) as unknown[];
    expect(audit).toEqual([{ actor_kind: 'analyst', actor_subject: analystId, resource_type: 'procedure', resource_id: `${KEY}@${before + 1}` }]);
  });

  it('given a version published from the modeler, when the catalogue is deployed again from the older processes/ file, then the published version stays current', async () => {
    // given
    const before = await currentVersion(KEY);
    // when
    const summary = await t.app.get(CatalogueService).deploy();
    // then
    expect(summary.procedures).toContainEqual({ key: KEY, version: before, created: false });
    expect(await currentVersion(KEY)).toBe(before);
    const [form] = (await ds.query(`select schema from catalogue_form_version where form_key = 'istruttoria-certificato-residenza' order by version desc limit 1`)) as Array<{ schema: { components: Array<{ key?: string }> } }>;
    expect(form.schema.components.map((c) => c.key)).toContain('nota');
  });

  it('given a published version, when the catalogue is exported to copies of processes/ and forms/, then the files change once and deploying them makes no new version', async () => {
    // given
    const dir = mkdtempSync(join(tmpdir(), 'sportello-export-'));
    const dirs = { processesDir: join(dir, 'processes'), formsDir: join(dir, 'forms') };
    cpSync(join(__dirname, '../../../processes'), dirs.processesDir, { recursive: true });
    cpSync(join(__dirname, '../../../forms'), dirs.formsDir, { recursive: true });
    const catalogue = t.app.get(CatalogueService);
    const before = await currentVersion(KEY);
    // when
    const first = await catalogue.exportFiles(dirs);
    const second = await catalogue.exportFiles(dirs);
    const deployed = await catalogue.deploy(dirs);
    // then
    expect(first.written.map((p) => p.slice(dir.length + 1)).sort()).toEqual(['forms/istruttoria-certificato-residenza.form.json', `processes/${KEY}.bpmn`]);
    expect(readFileSync(join(dirs.processesDir, `${KEY}.bpmn`), 'utf8')).toContain('Task_Controllo');
    expect(second.written).toEqual([]);
    expect(deployed.procedures).toContainEqual({ key: KEY, version: before, created: false });
    expect((await catalogue.check(dirs)).ok).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('given the diff was read against an older version, when published, then 409 names baseVersion and nothing is published', async () => {
    // given
    const current = await currentVersion(KEY);
    await t.http().put(`/modeler/api/procedures/${KEY}/draft`).set(headers).send({ xml: withRenamedReview(SHIPPED) }).expect(200);
    // when
    const stale = await t.http().post(`/modeler/api/procedures/${KEY}/publish`).set(headers).send({ baseVersion: current - 1 });
    const bad = await t.http().post(`/modeler/api/procedures/${KEY}/publish`).set(headers).send({ baseVersion: 'ultima' });
    // then
    expect([stale.status, stale.body.code]).toEqual([409, 'MODELER_STALE_PUBLISH']);
    expect(stale.body.fieldErrors ?? stale.body.errors).toEqual([expect.objectContaining({ field: 'baseVersion' })]);
    expect(bad.status).toBe(400);
    expect(await currentVersion(KEY)).toBe(current);
  });

  it('given "Nuova procedura", when the analyst creates one, then its template draft passes the checks, publishes as version 1, a citizen files on it and a redeploy keeps it', async () => {
    // when
    const created = await t.http().post('/modeler/api/procedures').set(headers).send({ key: 'contributo-prova', title: 'Contributo di prova', office: 'anagrafe' }).expect(201);
    // then
    expect(created.body).toEqual({ key: 'contributo-prova', forms: ['richiesta-contributo-prova', 'istruttoria-contributo-prova'] });
    const { body: draft } = await t.http().get('/modeler/api/procedures/contributo-prova').set(headers).expect(200);
    expect(draft.xml).toContain('bpmndi:BPMNDiagram');
    const { body: checked } = await t.http().post('/modeler/api/procedures/contributo-prova/validate').set(headers).send({ xml: draft.xml }).expect(200);
    expect(checked.problems).toEqual([]);
    const taken = await t.http().post('/modeler/api/procedures').set(headers).send({ key: KEY, title: 'Doppione' });
    expect([taken.status, (taken.body.fieldErrors ?? taken.body.errors)[0].field]).toEqual([409, 'key']);
    const noTitle = await t.http().post('/modeler/api/procedures').set(headers).send({ key: 'senza-titolo', title: ' ' });
    expect([noTitle.status, (noTitle.body.fieldErrors ?? noTitle.body.errors)[0].field]).toEqual([400, 'title']);
    const { body: preview } = await t.http().get('/modeler/api/procedures/contributo-prova/publication').set(headers).expect(200);
    expect([preview.current, preview.runningTotal, preview.diff.added.map((e: { id: string }) => e.id).sort()]).toEqual([
      null,
      0,
      ['End_Conclusa', 'Flow_Istruttoria_Fine', 'Flow_Start_Istruttoria', 'Start', 'Task_Istruttoria'],
    ]);
    await t.http().post('/modeler/api/procedures/contributo-prova/publish').set(headers).send({ baseVersion: null }).expect(201);
    const caseId = await fileCase('contributo-prova', {
      richiedente: { nome: 'Mario', cognome: 'Rossi', codiceFiscale: mario.fiscalCode, email: 'mario.rossi@example.it' },
      descrizione: 'Richiesta di prova',
    });
    expect(await modelVersionOfCase(caseId)).toBe(1);
    await t.app.get(CatalogueService).deploy();
    await t.http().get('/api/v1/procedures/contributo-prova').set('Authorization', `Bearer ${await t.token(mario)}`).expect(200);
    const list = await t.http().get('/modeler/api/catalogue').set(headers).expect(200);
    expect(list.body.procedures).toContainEqual(expect.objectContaining({ key: 'contributo-prova', source: 'published' }));
    expect(list.body.forms).toContainEqual(expect.objectContaining({ key: 'richiesta-contributo-prova', source: 'published' }));
  });

  it('given forms, when the analyst creates, duplicates and renames them, then drafts follow and a published form refuses a rename naming the field', async () => {
    // when
    await t.http().post('/modeler/api/forms').set(headers).send({ key: 'modulo-nuovo' }).expect(201);
    await t.http().post('/modeler/api/forms/richiesta-certificato-residenza/duplicate').set(headers).send({ newKey: 'richiesta-copia' }).expect(201);
    await t.http().post('/modeler/api/forms/richiesta-copia/rename').set(headers).send({ newKey: 'richiesta-copia-due' }).expect(200);
    const published = await t.http().post('/modeler/api/forms/richiesta-certificato-residenza/rename').set(headers).send({ newKey: 'altro-nome' });
    const taken = await t.http().post('/modeler/api/forms').set(headers).send({ key: 'modulo-nuovo' });
    const badKey = await t.http().post('/modeler/api/forms/modulo-nuovo/duplicate').set(headers).send({ newKey: 'Non Valida' });
    // then
    const { body: copy } = await t.http().get('/modeler/api/forms/richiesta-copia-due').set(headers).expect(200);
    expect(copy.schema.id).toBe('richiesta-copia-due');
    expect(copy.schema.components.length).toBeGreaterThan(1);
    await t.http().get('/modeler/api/forms/richiesta-copia').set(headers).expect(404);
    expect((await t.http().get('/modeler/api/forms/modulo-nuovo').set(headers).expect(200)).body).toEqual({
      key: 'modulo-nuovo',
      schema: { id: 'modulo-nuovo', type: 'default', schemaVersion: 16, components: [] },
      draft: true,
    });
    expect([published.status, published.body.code, (published.body.fieldErrors ?? published.body.errors)[0].field]).toEqual([409, 'MODELER_RENAME_PUBLISHED', 'formKey']);
    expect([taken.status, (taken.body.fieldErrors ?? taken.body.errors)[0].field]).toEqual([409, 'key']);
    expect([badKey.status, (badKey.body.fieldErrors ?? badKey.body.errors)[0].field]).toEqual([400, 'newKey']);
  });

  it('given a procedure, when exported as a zip and imported under another key, then drafts are created; a broken zip is refused naming each file', async () => {
    // when
    const res = await t.http().get(`/modeler/api/procedures/${KEY}/export`).set(headers).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    // then
    expect([res.status, res.headers['content-type'], res.headers['content-disposition']]).toEqual([200, 'application/zip', `attachment; filename="${KEY}.zip"`]);
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    expect(Object.keys(files).sort()).toEqual([
      'forms/istruttoria-certificato-residenza.form.json',
      'forms/richiesta-certificato-residenza.form.json',
      `processes/${KEY}.bpmn`,
      'processes/offices.json',
      'sportello-procedura.json',
    ]);
    expect(JSON.parse(strFromU8(files['processes/offices.json'])).map((o: { key: string }) => o.key)).toEqual(['anagrafe']);
    // when imported under another key
    const copy: Record<string, Uint8Array> = { ...files, 'processes/certificato-copia.bpmn': strToU8(strFromU8(files[`processes/${KEY}.bpmn`]).replaceAll(`"${KEY}"`, '"certificato-copia"')) };
    delete copy[`processes/${KEY}.bpmn`];
    const imported = await t.http().post('/modeler/api/procedures/import').set(headers).send({ content: Buffer.from(zipSync(copy)).toString('base64') }).expect(201);
    // then
    expect(imported.body).toEqual({ key: 'certificato-copia', forms: ['istruttoria-certificato-residenza', 'richiesta-certificato-residenza'] });
    const { body: draft } = await t.http().get('/modeler/api/procedures/certificato-copia').set(headers).expect(200);
    expect(draft.draft).toBe(true);
    // when broken: a form that is not JSON, an office this Comune lacks, an office the diagram names but nobody has
    const broken = zipSync({
      'processes/certificato-rotto.bpmn': strToU8(strFromU8(files[`processes/${KEY}.bpmn`]).replaceAll(`"${KEY}"`, '"certificato-rotto"')),
      'forms/modulo-rotto.form.json': strToU8('{ non json'),
      'processes/offices.json': strToU8(JSON.stringify([{ key: 'ufficio-lontano', name: 'Ufficio lontano', email: 'x@example.it' }])),
    });
    const refused = await t.http().post('/modeler/api/procedures/import').set(headers).send({ content: Buffer.from(broken).toString('base64') });
    const lint = await t.http().post('/modeler/api/procedures/import').set(headers).send({
      content: Buffer.from(zipSync({ 'processes/certificato-rotto.bpmn': strToU8(strFromU8(files[`processes/${KEY}.bpmn`]).replaceAll(`"${KEY}"`, '"certificato-rotto"').replace(/camunda:candidateGroups="anagrafe"/g, 'camunda:candidateGroups="ufficio-lontano"')) })).toString('base64'),
    });
    const notZip = await t.http().post('/modeler/api/procedures/import').set(headers).send({ content: Buffer.from('non è uno zip').toString('base64') });
    // then
    expect([refused.status, refused.body.code]).toEqual([422, 'MODELER_IMPORT_INVALID']);
    expect((refused.body.fieldErrors ?? refused.body.errors).map((e: { field: string }) => e.field).sort()).toEqual(['forms/modulo-rotto.form.json', 'processes/offices.json']);
    expect([lint.status, (lint.body.fieldErrors ?? lint.body.errors).map((e: { field: string }) => e.field)]).toEqual([422, ['processes/certificato-rotto.bpmn']]);
    expect([notZip.status, (notZip.body.fieldErrors ?? notZip.body.errors)[0].field]).toEqual([422, 'content']);
    await t.http().get('/modeler/api/procedures/certificato-rotto').set(headers).expect(404);
  });
});
