import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogueFormNotFoundException, CatalogueInvalidException } from '../../../src/modules/catalogue';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { CATALOGUE_FIXTURES, CatalogueHarness, copyOfShippedCatalogue, SHIPPED_FORMS, SHIPPED_PROCESSES, startCatalogue } from './catalogue-harness';

const KEYS = ['certificato-residenza', 'iscrizione-nido', 'occupazione-suolo-pubblico'];

describe(`catalogue deployment on ${databaseLabel()}`, () => {
  const config = testConfig({ PROCESSES_DIR: SHIPPED_PROCESSES, FORMS_DIR: SHIPPED_FORMS });
  let h: CatalogueHarness;
  const copy = copyOfShippedCatalogue();

  beforeAll(async () => {
    h = await startCatalogue(config);
  });
  afterAll(async () => {
    await h?.close();
    await dropTestSchema(config);
    copy.remove();
  });

  const formVersionCount = async (): Promise<number> =>
    (await h.query<{ n: number }>('select count(*)::int as n from catalogue_form_version'))[0].n;

  it('given the shipped catalogue, when deployed, then every procedure is version 1 with its metadata and every form is recorded', async () => {
    // given
    const dirs = {};
    // when
    const summary = await h.catalogue.deploy(dirs);
    // then
    expect(summary.procedures).toEqual(KEYS.map((key) => ({ key, version: 1, created: true })));
    expect(summary.forms).toHaveLength(13);
    expect(summary.forms.every((f) => f.version === 1 && f.created)).toBe(true);
    expect(summary.offices).toBe(7);
    expect((await h.engine.currentVersion('iscrizione-nido')).version).toBe(1);
    const rows = await h.query('select key, office, legal_days, spid_level, fee_cents, model_version from catalogue_procedure order by key');
    expect(rows).toEqual([
      { key: 'certificato-residenza', office: 'anagrafe', legal_days: 30, spid_level: '2', fee_cents: null, model_version: 1 },
      { key: 'iscrizione-nido', office: 'servizi-educativi', legal_days: 60, spid_level: '2', fee_cents: null, model_version: 1 },
      { key: 'occupazione-suolo-pubblico', office: 'suap', legal_days: 30, spid_level: '2', fee_cents: 1600, model_version: 1 },
    ]);
  });

  it('given a deployed catalogue, when the identical files are deployed again, then no new model or form version is created', async () => {
    // given
    const formsBefore = await formVersionCount();
    // when
    const summary = await h.catalogue.deploy({ processesDir: copy.processesDir, formsDir: copy.formsDir });
    // then
    expect(summary.procedures.every((p) => !p.created && p.version === 1)).toBe(true);
    expect(summary.forms.every((f) => !f.created)).toBe(true);
    expect(await formVersionCount()).toBe(formsBefore);
    for (const key of KEYS) expect(await h.engine.listVersions(key)).toHaveLength(1);
  });

  it('given a case started on version 1, when the BPMN changes and is deployed, then the procedure is at version 2 and the case stays on version 1', async () => {
    // given
    const v1 = await h.engine.currentVersion('certificato-residenza');
    const started = await h.engine.startProcess('certificato-residenza', { richiedente: { nome: 'Mario', cognome: 'Rossi' } });
    const file = join(copy.processesDir, 'certificato-residenza.bpmn');
    writeFileSync(file, readFileSync(file, 'utf8').replace('sta verificando i dati anagrafici.', 'sta verificando i dati in ANPR.'));
    // when
    const summary = await h.catalogue.deploy({ processesDir: copy.processesDir, formsDir: copy.formsDir });
    // then
    expect(summary.procedures.find((p) => p.key === 'certificato-residenza')).toEqual({ key: 'certificato-residenza', version: 2, created: true });
    expect(summary.procedures.filter((p) => p.created)).toHaveLength(1);
    const v2 = await h.engine.currentVersion('certificato-residenza');
    expect(v2.version).toBe(2);
    expect((await h.engine.getInstance(started.instance.id)).modelVersionId).toBe(v1.id);
    expect((await h.catalogue.get('certificato-residenza')).currentVersion).toEqual(expect.objectContaining({ id: v2.id, number: 2 }));
    const later = await h.engine.startProcess('certificato-residenza', {});
    expect(later.instance.modelVersionId).toBe(v2.id);
  });

  it('given a changed form and one broken procedure, when deployed, then nothing is deployed and every problem is listed', async () => {
    // given
    const formsBefore = await formVersionCount();
    const form = join(copy.formsDir, 'preavviso-rigetto-nido.form.json');
    writeFileSync(form, readFileSync(form, 'utf8').replace('Motivi che ostano', 'Motivi ostativi'));
    const nido = join(copy.processesDir, 'iscrizione-nido.bpmn');
    writeFileSync(nido, readFileSync(nido, 'utf8').replace('sta esaminando la domanda', 'esamina la domanda'));
    const suolo = join(copy.processesDir, 'occupazione-suolo-pubblico.bpmn');
    writeFileSync(
      suolo,
      readFileSync(suolo, 'utf8')
        .replace('camunda:candidateGroups="polizia-locale"', 'camunda:candidateGroups="vigili"')
        .replace('implementation="protocol.register"', 'implementation="protocol.registra"'),
    );
    // when
    const failure = await h.catalogue.deploy({ processesDir: copy.processesDir, formsDir: copy.formsDir }).catch((e: unknown) => e);
    // then
    expect(failure).toBeInstanceOf(CatalogueInvalidException);
    expect((failure as CatalogueInvalidException).problems).toEqual([
      'processes/occupazione-suolo-pubblico.bpmn, userTask Task_ParerePoliziaLocale: candidate group "vigili" is neither an office in processes/offices.json nor "citizen"',
      'processes/occupazione-suolo-pubblico.bpmn, serviceTask Task_ProtocolloAccoglimento: service "protocol.registra" is not registered (registered: documents.render, payments.createDebt, protocol.register)',
    ]);
    expect((failure as Error).message).toContain('\nprocesses/occupazione-suolo-pubblico.bpmn, serviceTask Task_ProtocolloAccoglimento:');
    expect(await formVersionCount()).toBe(formsBefore);
    expect(await h.engine.listVersions('iscrizione-nido')).toHaveLength(1);
  });

  it('given a deployed form, when asked by key, then its current version comes back, and an unknown key is a not-found error', async () => {
    // given
    const key = 'valutazione-iscrizione-nido';
    // when
    const form = await h.catalogue.form(key);
    // then
    expect(form).toEqual({ key, version: 1, schema: expect.objectContaining({ id: key, components: expect.any(Array) }) });
    await expect(h.catalogue.form('modulo-inesistente')).rejects.toBeInstanceOf(CatalogueFormNotFoundException);
  });

  it('given CATALOGUE_LOAD and a broken catalogue, when the application boots, then boot fails naming each problem', async () => {
    // given
    const broken = testConfig({
      CATALOGUE_LOAD: 'true',
      PROCESSES_DIR: join(CATALOGUE_FIXTURES, 'unknown-service/processes'),
      FORMS_DIR: join(CATALOGUE_FIXTURES, 'base/forms'),
    });
    // when
    const boot = startCatalogue(broken);
    // then
    try {
      await expect(boot).rejects.toThrow(
        'processes/pratica-prova.bpmn, serviceTask Task_Protocollo: service "payments.refundFee" is not registered (registered: documents.render, payments.createDebt, protocol.register)',
      );
    } finally {
      await dropTestSchema(broken);
    }
  });

  it('given CATALOGUE_LOAD and a valid catalogue, when the application boots, then the catalogue is deployed at start-up', async () => {
    // given
    const loading = testConfig({
      CATALOGUE_LOAD: 'true',
      PROCESSES_DIR: join(CATALOGUE_FIXTURES, 'base/processes'),
      FORMS_DIR: join(CATALOGUE_FIXTURES, 'base/forms'),
    });
    // when
    const booted = await startCatalogue(loading);
    // then
    try {
      expect((await booted.engine.currentVersion('pratica-prova')).version).toBe(1);
      expect((await booted.catalogue.get('pratica-prova')).startForm.key).toBe('domanda-prova');
    } finally {
      await booted.close();
      await dropTestSchema(loading);
    }
  });
});
