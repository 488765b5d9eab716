import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DEMO_ANALYSTS, DEMO_CITIZENS, DEMO_OPERATORS, Principal } from '../../../src/modules/identity';
import type { DryRunAction, DryRunState } from '../../../src/modules/modeler';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';

const analyst = DEMO_ANALYSTS[0];
const citizen = DEMO_CITIZENS[0];
const REAL_FILING = {
  richiedente: { nome: 'Mario', cognome: 'Rossi', codiceFiscale: citizen.kind === 'citizen' ? citizen.fiscalCode : '', email: 'mario.rossi@example.it' },
  tipoCertificato: 'residenza',
  numeroCopie: 1,
  modalitaRitiro: 'online',
  dichiarazioneVeridicita: true,
  presaVisionePrivacy: true,
};
const CERTIFICATO = readFileSync(join(__dirname, '../../../processes/certificato-residenza.bpmn'), 'utf8');
const POOL = readFileSync(join(__dirname, '../../fixtures/bpmn/pool-certificato-residenza.bpmn'), 'utf8');
/** Rows every request of the analyst writes whatever it does: the audit trail (checked apart) and the session's last-seen time. */
const REQUEST_TABLES = new Set(['audit_event', 'audit_head', 'web_session']);

describe(`modeler dry run on ${databaseLabel()}`, () => {
  let config: ReturnType<typeof testConfig>;
  let t: TestApp;
  let db: DataSource;
  let headers: Record<string, string>;

  /** Every table's row count and a digest of its content, and every sequence's value: what "nothing left behind" means. */
  const snapshot = async (): Promise<Map<string, string>> => {
    const tables = (await db.query(`select tablename from pg_tables where schemaname = current_schema() order by tablename`)) as Array<{ tablename: string }>;
    const out = new Map<string, string>();
    for (const { tablename } of tables) {
      const [row] = (await db.query(`select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as digest from "${tablename}" x`)) as Array<{ n: number; digest: string }>;
      out.set(tablename, REQUEST_TABLES.has(tablename) ? 'request' : `rows ${row.n} ${row.digest}`);
    }
    const sequences = (await db.query(`select sequencename, coalesce(last_value, 0)::text as v from pg_sequences where schemaname = current_schema()`)) as Array<{ sequencename: string; v: string }>;
    for (const s of sequences) out.set(`sequence ${s.sequencename}`, s.v);
    return out;
  };
  const dryRun = (body: { actions?: DryRunAction[]; xml?: string }, key = 'certificato-residenza') => t.http().post(`/modeler/api/procedures/${key}/dry-run`).set(headers).send(body);
  const as = async (p: Principal): Promise<Record<string, string>> => {
    const query = p.kind === 'citizen' ? `utente=${p.fiscalCode}` : p.kind === 'operator' ? `utente=${p.userId}&ufficio=${p.offices[0]}` : `utente=${p.kind === 'analyst' ? p.userId : ''}&ruolo=analista`;
    const login = await t.http().get(`/accesso/sviluppo?${query}&ritorno=/accesso`).expect(303);
    const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0];
    const page = await t.http().get('/accesso').set({ Cookie: cookie }).expect(200);
    const token = /<meta name="csrf-token" content="([^"]+)">/.exec(page.text)?.[1] ?? '';
    return { Cookie: cookie, 'X-CSRF-Token': token, Accept: 'application/json' };
  };

  beforeAll(async () => {
    config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/dry-run-keys' });
    t = await startTestApp(config);
    db = t.app.get(DataSource);
    headers = await as(analyst);
    // A real case already running on the published version: the dry runs must not touch it.
    const token = await t.token(citizen);
    await t
      .http()
      .post('/api/v1/cases')
      .set({ Authorization: `Bearer ${token}`, 'Idempotency-Key': 'dry-run-real-case-0001' })
      .send({ procedureKey: 'certificato-residenza', data: REAL_FILING })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  it('given a procedure, when a dry run is opened with no step, then it proposes the start form data that the start form accepts', async () => {
    // when
    const res = await dryRun({ actions: [] }).expect(200);
    // then
    const state = res.body as DryRunState;
    expect(state.status).toBe('ready');
    expect(state.start).toEqual({ elementId: 'Start', formKey: 'richiesta-certificato-residenza', proposedData: expect.objectContaining({ dichiarazioneVeridicita: true }) });
  });

  it('given a draft with a gateway and protocol service tasks, when it is walked to the end, then every step shows the citizen status, the service tasks are skipped, and no row, counter or sequence of the database changed', async () => {
    // given
    const start = ((await dryRun({}).expect(200)).body as DryRunState).start!;
    const before = await snapshot();
    const auditBefore = Number((await db.query('select count(*)::int as n from audit_event'))[0].n);
    // when: start, then complete the office's check with the proposed data (esito: the first option, accolta)
    const first = (await dryRun({ actions: [{ kind: 'start', data: start.proposedData }] }).expect(200)).body as DryRunState;
    const task = first.waiting[0];
    const done = (await dryRun({ actions: [{ kind: 'start', data: start.proposedData }, { kind: 'complete', elementId: task.elementId, data: task.proposedData }] }).expect(200)).body as DryRunState;
    // then
    expect(first.status).toBe('running');
    expect(first.steps[0].citizen.map((c) => c.status)).toEqual(['inviata', 'presa-in-carico']);
    expect(task).toMatchObject({ elementId: 'Task_Verifica', kind: 'task', formKey: 'istruttoria-certificato-residenza', proposedData: expect.objectContaining({ esito: 'accolta' }) });
    expect(done.status).toBe('ended');
    expect(done.steps[1].path.map((p) => p.elementId)).toEqual(['Flow_Verifica_Esito', 'Gateway_Esito', 'Flow_Esito_Accettata', 'Task_ProtocolloAccoglimento', 'Flow_Task_ProtocolloAccoglimento_Task_Certificato', 'Task_Certificato', 'Flow_Task_Certificato_End_Accettata', 'End_Accettata']);
    expect(done.steps[1].skippedServices).toEqual([
      { elementId: 'Task_ProtocolloAccoglimento', name: expect.any(String), implementation: 'protocol.register' },
      { elementId: 'Task_Certificato', name: expect.any(String), implementation: 'documents.render' },
    ]);
    expect(done.citizenStatus).toBe('accettata');
    expect(done.waiting).toEqual([]);
    const after = await snapshot();
    const auditAfter = Number((await db.query('select count(*)::int as n from audit_event'))[0].n);
    expect(after).toEqual(before);
    expect(auditAfter - auditBefore).toBe(2);
    expect((await db.query(`select action, resource_id from audit_event order by seq desc limit 2`)) as unknown).toEqual([
      { action: 'procedure.dry-run', resource_id: 'certificato-residenza' },
      { action: 'procedure.dry-run', resource_id: 'certificato-residenza' },
    ]);
    // the snapshot covers the outboxes, the protocol register and the engine's tables
    expect([...after.keys()].filter((k) => /outbox|protocol|engine_instance|engine_model_version/.test(k)).length).toBeGreaterThanOrEqual(4);
    expect(after.get('engine_instance')).toMatch(/^rows 1 /);
  });

  it('given the analyst changes the decision, when the run is replayed, then the gateway takes the other path to the refusal', async () => {
    // given
    const start = ((await dryRun({}).expect(200)).body as DryRunState).start!;
    // when
    const res = await dryRun({ actions: [{ kind: 'start', data: start.proposedData }, { kind: 'complete', elementId: 'Task_Verifica', data: { verificaAnpr: true, esito: 'respinta', motivazione: 'Non risulta residente' } }] }).expect(200);
    // then
    const state = res.body as DryRunState;
    expect(state.steps[1].path.map((p) => p.elementId)).toContain('End_Rifiutata');
    expect(state.steps[1].skippedServices.map((s) => s.elementId)).toEqual(['Task_ProtocolloRigetto', 'Task_Rigetto']);
    expect(state.citizenStatus).toBe('rifiutata');
  });

  it('given a step waiting on a boundary timer, when the analyst fires it, then the run goes on along the timer path without waiting', async () => {
    // given: iscrizione-nido refused at evaluation waits on the citizen's observations and a 10-day timer
    const key = 'iscrizione-nido';
    const ready = (await dryRun({}, key).expect(200)).body as DryRunState;
    const steps: DryRunAction[] = [{ kind: 'start', data: ready.start!.proposedData }];
    let state = (await dryRun({ actions: steps }, key).expect(200)).body as DryRunState;
    const valutazione = state.waiting.find((w) => w.elementId === 'Task_Valutazione')!;
    steps.push({ kind: 'complete', elementId: 'Task_Valutazione', data: { ...valutazione.proposedData, esito: 'respinta' } });
    state = (await dryRun({ actions: steps }, key).expect(200)).body as DryRunState;
    const preavviso = state.waiting.find((w) => w.elementId === 'Task_Preavviso')!;
    steps.push({ kind: 'complete', elementId: 'Task_Preavviso', data: preavviso.proposedData });
    state = (await dryRun({ actions: steps }, key).expect(200)).body as DryRunState;
    const timer = state.waiting.find((w) => w.kind === 'timer')!;
    expect(timer).toMatchObject({ elementId: 'Timer_Osservazioni', timeDue: expect.any(String) });
    expect(state.citizenStatus).toBe('sospesa');
    // when
    steps.push({ kind: 'timer', elementId: timer.elementId });
    state = (await dryRun({ actions: steps }, key).expect(200)).body as DryRunState;
    // then
    expect(state.steps[3].path.map((p) => p.elementId)).toContain('Task_Decisione');
    expect(state.waiting.map((w) => w.elementId)).toEqual(['Task_Decisione']);
  });

  it('given a saved draft that changes a citizen message, when it is dry-run and a citizen files right after, then the run shows the draft and the filing runs on the published version', async () => {
    // given
    const xml = CERTIFICATO.replace(/(name="citizenStatus" value="presa-in-carico" \/>\s*<camunda:property name="citizenMessage" value=")[^"]*"/, '$1Bozza: verifica in corso"');
    expect(xml).not.toBe(CERTIFICATO);
    await t.http().put('/modeler/api/procedures/certificato-residenza/draft').set(headers).send({ xml }).expect(200);
    const start = ((await dryRun({}).expect(200)).body as DryRunState).start!;
    // when
    const state = (await dryRun({ actions: [{ kind: 'start', data: start.proposedData }] }).expect(200)).body as DryRunState;
    const filed = await t
      .http()
      .post('/api/v1/cases')
      .set({ Authorization: `Bearer ${await t.token(citizen)}`, 'Idempotency-Key': 'dry-run-real-case-0002' })
      .send({ procedureKey: 'certificato-residenza', data: REAL_FILING });
    // then
    expect(state.citizenMessage).toBe('Bozza: verifica in corso');
    expect(filed.status).toBe(201);
    const versions = (await db.query(
      `select m.process_key, m.version from engine_instance i join engine_model_version m on m.id = i.model_version_id order by i.started_at`,
    )) as Array<{ process_key: string; version: number }>;
    expect(versions).toEqual([
      { process_key: 'certificato-residenza', version: 1 },
      { process_key: 'certificato-residenza', version: 1 },
    ]);
    await t.http().put('/modeler/api/procedures/certificato-residenza/draft').set(headers).send({ xml: CERTIFICATO }).expect(200);
  });

  it('given parallel opinions and a payment awaited at an event gateway, when the analyst delivers the payment message, then the run ends with the fee, protocol and act steps skipped', async () => {
    // given
    const key = 'occupazione-suolo-pubblico';
    const walk = async (steps: DryRunAction[]): Promise<DryRunState> => (await dryRun({ actions: steps }, key).expect(200)).body as DryRunState;
    const steps: DryRunAction[] = [{ kind: 'start', data: ((await walk([])).start!).proposedData }];
    let state = await walk(steps);
    expect(state.waiting.map((w) => w.elementId).sort()).toEqual(['Task_ParereLavoriPubblici', 'Task_ParerePoliziaLocale']);
    for (const w of state.waiting) steps.push({ kind: 'complete', elementId: w.elementId, data: w.proposedData });
    state = await walk(steps);
    const decision = state.waiting.find((w) => w.elementId === 'Task_Decisione')!;
    expect(state.waiting.find((w) => w.kind === 'timer')?.elementId).toBe('Timer_TermineLegale');
    steps.push({ kind: 'complete', elementId: 'Task_Decisione', data: { ...decision.proposedData, esito: 'accolta', canoneEuro: 120 } });
    state = await walk(steps);
    expect(state.steps.at(-1)!.skippedServices.map((x) => x.implementation)).toEqual(['payments.createDebt']);
    expect(state.waiting.map((w) => [w.elementId, w.kind]).sort()).toEqual([
      ['Event_AvvisoScaduto', 'timer'],
      ['Event_PagamentoRicevuto', 'event'],
    ]);
    // when
    steps.push({ kind: 'complete', elementId: 'Event_PagamentoRicevuto', data: {} });
    state = await walk(steps);
    // then
    expect(state.status).toBe('ended');
    expect(state.steps.at(-1)!.skippedServices.map((x) => x.implementation)).toEqual(['protocol.register', 'documents.render']);
    expect(state.citizenStatus).toBe('accettata');
  });

  it('given the procedure drawn as a pool, when it is dry-run, then the pool\'s process runs in the sandbox', async () => {
    // given
    const start = ((await dryRun({ xml: POOL }).expect(200)).body as DryRunState).start!;
    // when
    const state = (await dryRun({ xml: POOL, actions: [{ kind: 'start', data: start.proposedData }] }).expect(200)).body as DryRunState;
    // then
    expect(state.status).toBe('running');
    expect(state.waiting.map((w) => w.elementId)).toEqual(['Task_Verifica']);
  });

  it('given a draft with a lint problem, when a dry run is asked, then nothing runs and the problems are named', async () => {
    // given
    const xml = CERTIFICATO.replace('camunda:candidateGroups="anagrafe"', 'camunda:candidateGroups="ufficio-inesistente"');
    // when
    const res = await dryRun({ xml, actions: [] });
    // then
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'MODELER_DRY_RUN_BLOCKED', errors: expect.arrayContaining([expect.objectContaining({ field: 'xml', message: expect.stringContaining('ufficio-inesistente') })]) });
  });

  it('given steps that do not fit the run, when a dry run is asked, then the field naming the step is in the error', async () => {
    // given
    const start = ((await dryRun({}).expect(200)).body as DryRunState).start!;
    // when
    const notWaiting = await dryRun({ actions: [{ kind: 'start', data: start.proposedData }, { kind: 'complete', elementId: 'End_Accettata', data: {} }] });
    const badData = await dryRun({ actions: [{ kind: 'start', data: { ...start.proposedData, numeroCopie: 'tante' } }] });
    const noStart = await dryRun({ actions: [{ kind: 'timer', elementId: 'x' } as DryRunAction] });
    // then
    expect(notWaiting.status).toBe(400);
    expect(notWaiting.body.errors).toEqual([{ field: 'actions[1].elementId', message: expect.stringContaining('End_Accettata') }]);
    expect(badData.body.errors[0].field).toBe('actions[0].data.numeroCopie');
    expect(noStart.body.errors[0].field).toBe('actions[0].kind');
  });

  it.each([
    ['a citizen', DEMO_CITIZENS[0]],
    ['an operator', DEMO_OPERATORS[0]],
  ] as Array<[string, Principal]>)('given %s, when a dry run is asked, then it is refused', async (_who, principal) => {
    const res = await t.http().post('/modeler/api/procedures/certificato-residenza/dry-run').set(await as(principal)).send({});
    expect(res.status).toBe(403);
  });
});
