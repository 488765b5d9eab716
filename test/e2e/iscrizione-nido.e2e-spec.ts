import { ActIssuer } from '../../src/modules/documents';
import { TimerSchedulerService } from '../../src/modules/engine';
import { readPdf } from '../support/pdf-text';
import { DEMO_CITIZENS, DEMO_OPERATORS } from '../../src/modules/identity';
import { aPdf } from '../factories/document.factory';
import { databaseLabel, dropTestSchema, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';
import { aNidoApplication } from '../factories/case.factory';
import { expectedDeadline } from '../support/expected-deadline';

const mario = DEMO_CITIZENS[0];
const laura = DEMO_CITIZENS[1];
const giuseppe = DEMO_CITIZENS[2];
const sara = DEMO_OPERATORS.find((o) => o.userId === 'sara.colombo')!; // servizi-educativi, head
const paolo = DEMO_OPERATORS.find((o) => o.userId === 'paolo.ricci')!; // servizi-educativi
const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!; // anagrafe

const DAY = 86_400_000;

interface TimelineEntry {
  status: string;
  actorKind: string;
}
interface TaskItem {
  id: string;
  caseId: string;
  elementId: string;
  formKey: string | null;
  status: string;
  protocolNumber: string | null;
  citizenName: string;
  dueAt: string | null;
  version: number;
}


const application = aNidoApplication;

describe(`iscrizione al nido over HTTP on ${databaseLabel()}`, () => {
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

  const file = async (citizen: (typeof DEMO_CITIZENS)[number], data: Record<string, unknown>) =>
    (await t.http().post('/api/v1/cases').set('Authorization', await auth(citizen)).send({ procedureKey: 'iscrizione-nido', data }).expect(201)).body;
  const caseOf = async (citizen: (typeof DEMO_CITIZENS)[number], id: string) =>
    (await t.http().get(`/api/v1/cases/${id}`).set('Authorization', await auth(citizen)).expect(200)).body;

  /** The acts issued on a case, as its citizen reads them: file name and text. */
  const actsOf = async (citizen: (typeof DEMO_CITIZENS)[number], caseId: string): Promise<Array<{ name: string; text: string }>> => {
    await t.app.get(ActIssuer).issueDue();
    const docs = (await t.http().get(`/api/v1/cases/${caseId}/documents`).set('Authorization', await auth(citizen)).expect(200)).body as Array<{ id: string; kind: string; name: string }>;
    const acts = [];
    for (const d of docs.filter((x) => x.kind === 'act')) {
      const res = await t.http().get(`/api/v1/documents/${d.id}`).set('Authorization', await auth(citizen)).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      acts.push({ name: d.name, text: readPdf(res.body as Buffer).text.replace(/\s+/g, ' ') });
    }
    return acts.sort((a, b) => a.name.localeCompare(b.name));
  };
  const statuses = (c: { timeline: TimelineEntry[] }) => c.timeline.map((e) => e.status);
  /** The one open office task of a case in the servizi-educativi inbox. */
  const officeTask = async (caseId: string, elementId: string): Promise<TaskItem> => {
    const res = await t
      .http()
      .get('/api/v1/tasks?office=servizi-educativi&procedure=iscrizione-nido&pageSize=100')
      .set('Authorization', await auth(sara))
      .expect(200);
    const mine = (res.body.items as TaskItem[]).filter((i) => i.caseId === caseId);
    expect(mine.map((i) => i.elementId)).toEqual([elementId]);
    return mine[0];
  };
  const complete = async (who: Parameters<TestApp['token']>[0], taskId: string, data: Record<string, unknown>, expected = 200) =>
    t.http().post(`/api/v1/tasks/${taskId}/complete`).set('Authorization', await auth(who)).send({ data }).expect(expected);

  it('given an incomplete application, when the office asks for an integration and the citizen answers, then ranking accepts it', async () => {
    // given: a conditional field shown by a checkbox is required once shown
    const data = { ...application(mario, { nome: 'Sofia', codiceFiscale: 'RSSSFO24C55H501X' }), disabilitaCertificata: true, noteDisabilita: 'Serve un educatore di sostegno', fratelliIscritti: true };
    const missing = await t.http().post('/api/v1/cases').set('Authorization', await auth(mario)).send({ procedureKey: 'iscrizione-nido', data }).expect(422);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['nomeFratello']);

    // when: the citizen files with every field the form shows, attaching the optional ISEE attestation
    const isee = (await t.http().post('/api/v1/attachments').set('Authorization', await auth(mario)).field('field', 'attestazioneIsee').attach('file', aPdf('Attestazione ISEE'), 'isee.pdf').expect(201)).body;
    const c = await file(mario, { ...data, nomeFratello: 'Luca Rossi', attestazioneIsee: [isee.id] });
    const documents = (await t.http().get(`/api/v1/cases/${c.id}/documents`).set('Authorization', await auth(sara)).expect(200)).body;
    expect(documents).toEqual([expect.objectContaining({ id: isee.id, kind: 'attachment', sha256: isee.sha256 })]);

    // then: protocol and legal deadline are on the case; nobody has taken it in charge yet
    expect(c.status).toBe('inviata');
    expect(c.displayStatus).toBe('inviata');
    expect(c.protocol.number).toMatch(/^\d{7}$/);
    expect(c.protocol.year).toBe(Number(expectedDeadline(c.submittedAt, 0).slice(0, 4)));
    expect(c.takenInChargeAt).toBeNull();
    expect(c.legalDays).toBe(60);
    expect(c.legalDeadline).toBe(expectedDeadline(c.submittedAt, 60));
    expect(c.legalClock).toMatchObject({ deadline: c.legalDeadline, suspended: false, suspendedDays: 0 });
    expect(c.openCitizenTasks).toEqual([]);
    expect(statuses(c)).toEqual(['inviata']);

    // when: Paolo claims the evaluation and asks for an integration
    const evaluation = await officeTask(c.id, 'Task_Valutazione');
    expect(evaluation).toMatchObject({ protocolNumber: c.protocol.number, citizenName: 'Mario Rossi', dueAt: c.legalDeadline });
    await t.http().post(`/api/v1/tasks/${evaluation.id}/claim`).set('Authorization', await auth(paolo)).expect(200);
    const taken = await caseOf(mario, c.id);
    expect(taken).toMatchObject({ status: 'presa-in-carico', displayStatus: 'in elaborazione' });
    expect(new Date(taken.takenInChargeAt).getTime()).toBeGreaterThanOrEqual(new Date(c.submittedAt).getTime());
    expect(taken.timeline[1]).toMatchObject({ status: 'presa-in-carico', actorKind: 'operator', office: 'servizi-educativi' });
    await complete(paolo, evaluation.id, {
      esito: 'integrazione',
      richiestaIntegrazione: "Allegare l'attestazione ISEE aggiornata al 2025",
      motivazione: 'La DSU indicata risulta scaduta',
    });

    // then: the citizen sees "da integrare" and one task addressed to them
    const waiting = await caseOf(mario, c.id);
    expect(waiting).toMatchObject({ status: 'da-integrare', displayStatus: 'da integrare' });
    // the legal term is suspended while the citizen integrates (art. 2 c. 7)
    expect(waiting.legalClock).toMatchObject({ suspended: true, deadline: c.legalDeadline });
    expect(statuses(waiting)).toContain('termine-sospeso');
    expect(waiting.openCitizenTasks).toHaveLength(1);
    const integration = waiting.openCitizenTasks[0];
    expect(integration.formKey).toBe('integrazione-iscrizione-nido');
    const seen = await t.http().get(`/api/v1/tasks/${integration.id}`).set('Authorization', await auth(mario)).expect(200);
    expect(seen.body).toMatchObject({ office: 'citizen', status: 'open', caseId: c.id });
    // nothing of it in the office inbox
    const inbox = await t.http().get('/api/v1/tasks?office=servizi-educativi').set('Authorization', await auth(sara)).expect(200);
    expect(inbox.body.items.filter((i: TaskItem) => i.caseId === c.id)).toEqual([]);

    // another citizen can neither see nor complete it; an operator cannot complete it for the citizen
    await t.http().get(`/api/v1/cases/${c.id}`).set('Authorization', await auth(laura)).expect(404);
    await t.http().get(`/api/v1/tasks/${integration.id}`).set('Authorization', await auth(laura)).expect(404);
    const foreign = await complete(laura, integration.id, { integrazione: 'Tentativo di un altro cittadino', dichiarazioneVeridicita: true }, 404);
    expect(foreign.body.code).toBe('TASK_NOT_FOUND');
    await complete(paolo, integration.id, { integrazione: "Completata dall'ufficio", dichiarazioneVeridicita: true }, 404);
    // the integration form is enforced
    const bad = await complete(mario, integration.id, { integrazione: 'corto', iseeAggiornatoEuro: -3 }, 422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['dichiarazioneVeridicita', 'integrazione', 'iseeAggiornatoEuro']);

    // when: Mario answers
    await complete(mario, integration.id, { integrazione: 'Allego la nuova DSU, protocollo INPS-ISEE-2025-987654321-00', iseeAggiornatoEuro: 17250, dichiarazioneVeridicita: true });
    await complete(mario, integration.id, { integrazione: 'Seconda volta, non deve passare', dichiarazioneVeridicita: true }, 409);

    // then: the case is back with the office
    const back = await caseOf(mario, c.id);
    expect(back.status).toBe('presa-in-carico');
    expect(back.openCitizenTasks).toEqual([]);
    expect(back.takenInChargeAt).toBe(taken.takenInChargeAt);
    expect(back.legalClock).toMatchObject({ suspended: false, suspendedDays: 0, deadline: c.legalDeadline });
    const reevaluation = await officeTask(c.id, 'Task_Valutazione');
    expect(reevaluation.id).not.toBe(evaluation.id);

    // when: admissible, then ranked with a place assigned
    await complete(paolo, reevaluation.id, { esito: 'accolta', motivazione: 'Domanda completa dopo integrazione' });
    expect((await caseOf(mario, c.id)).status).toBe('in-lavorazione');
    const ranking = await officeTask(c.id, 'Task_Graduatoria');
    await complete(sara, ranking.id, { punteggio: 42, posizioneGraduatoria: 7, esito: 'accolta', motivazione: 'Posto disponibile al nido Il Girasole' });

    // then
    const done = await caseOf(mario, c.id);
    expect(done).toMatchObject({ status: 'accettata', displayStatus: 'accettata', outcome: 'accettata', legalDeadline: c.legalDeadline });
    expect(done.protocol.number).toBe(c.protocol.number);
    expect(done.closedAt).not.toBeNull();
    expect(statuses(done)).toEqual(['inviata', 'presa-in-carico', 'da-integrare', 'termine-sospeso', 'termine-ripreso', 'presa-in-carico', 'in-lavorazione', 'accettata']);
    expect(done.timeline.map((e: TimelineEntry) => e.actorKind)).toEqual(['citizen', 'operator', 'operator', 'system', 'citizen', 'citizen', 'operator', 'operator']);
    await t.http().get(`/api/v1/tasks/${ranking.id}`).set('Authorization', await auth(luca)).expect(404);
    // the integration request was issued as a protocolled act with what the office asked for
    const acts = await actsOf(mario, c.id);
    expect(acts.map((a) => a.name)).toEqual([expect.stringMatching(/^richiesta-integrazione-/)]);
    expect(acts[0].text).toContain("Allegare l'attestazione ISEE aggiornata al 2025");
    expect(acts[0].text).toMatch(/Protocollo n\. \d{7}\/\d{4}/);
  });

  it('given an inadmissible application, when the 10-bis notice is sent and the citizen objects, then the final decision rejects it', async () => {
    // given
    const c = await file(laura, application(laura, { nome: 'Marta', codiceFiscale: 'BNCMRT24D41H501Y' }));
    expect(c.legalDeadline).toBe(expectedDeadline(c.submittedAt, 60));
    const evaluation = await officeTask(c.id, 'Task_Valutazione');

    // when: not admissible → notice of the grounds for rejection
    await complete(sara, evaluation.id, { esito: 'respinta', motivazione: 'Il bambino non è residente nel Comune' });
    const notice = await officeTask(c.id, 'Task_Preavviso');
    const short = await complete(sara, notice.id, { motiviOstativi: 'Non residente' }, 422);
    expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(['motiviOstativi']);
    await complete(sara, notice.id, { motiviOstativi: "Dall'anagrafe il nucleo familiare non risulta residente nel Comune alla data della domanda" });

    // then: suspended, the citizen has ten days for observations
    const suspended = await caseOf(laura, c.id);
    expect(suspended).toMatchObject({ status: 'sospesa', displayStatus: 'in elaborazione' });
    expect(suspended.openCitizenTasks.map((x: { formKey: string }) => x.formKey)).toEqual(['osservazioni-preavviso-nido']);
    await complete(mario, suspended.openCitizenTasks[0].id, { osservazioni: 'Non è la mia pratica' }, 404);

    // when: the citizen objects, then the office decides
    await complete(laura, suspended.openCitizenTasks[0].id, { osservazioni: 'Il trasferimento di residenza è stato richiesto il mese scorso' });
    const answered = await t.http().get(`/api/v1/tasks/${suspended.openCitizenTasks[0].id}`).set('Authorization', await auth(laura)).expect(200);
    expect(answered.body.status).toBe('completed');
    expect((await caseOf(laura, c.id)).status).toBe('in-lavorazione');
    const decision = await officeTask(c.id, 'Task_Decisione');
    await complete(paolo, decision.id, { esito: 'respinta', motivazione: 'La residenza decorre da data successiva alla chiusura del bando' });

    // then
    const done = await caseOf(laura, c.id);
    expect(done).toMatchObject({ status: 'rifiutata', displayStatus: 'rifiutata', outcome: 'rifiutata' });
    expect(done.closedAt).not.toBeNull();
    expect(done.protocol.number).toBe(c.protocol.number);
    expect(statuses(done)).toEqual(['inviata', 'presa-in-carico', 'sospesa', 'termine-sospeso', 'termine-ripreso', 'in-lavorazione', 'rifiutata']);
    // art. 10-bis: the term restarts 10 days after the observations (sent the day of the notice here)
    expect(done.legalDeadline).toBe(expectedDeadline(c.submittedAt, 70));
    // the 10-bis notice and the rejection with its reasons were issued as acts
    const acts = await actsOf(laura, c.id);
    expect(acts.map((a) => a.name)).toEqual([expect.stringMatching(/^preavviso-rigetto-/), expect.stringMatching(/^rigetto-/)]);
    expect(acts[0].text).toContain('non risulta residente nel Comune alla data della domanda');
    expect(acts[0].text).toContain('10-bis');
    expect(acts[1].text).toContain('La residenza decorre da data successiva alla chiusura del bando');
  });

  it('given a 10-bis notice, when the citizen does not answer within ten days, then the timer moves the case to the final decision', async () => {
    // given: a case suspended for observations
    const c = await file(giuseppe, application(giuseppe, { nome: 'Pietro', codiceFiscale: 'VRDPTR24E10F205Z' }));
    const submittedAt = new Date(c.submittedAt);
    const ranking = await (async () => {
      const evaluation = await officeTask(c.id, 'Task_Valutazione');
      await complete(sara, evaluation.id, { esito: 'accolta', motivazione: 'Domanda completa e ammissibile' });
      return officeTask(c.id, 'Task_Graduatoria');
    })();
    await complete(sara, ranking.id, { punteggio: 12, posizioneGraduatoria: 140, esito: 'respinta', motivazione: 'Posizione oltre i posti disponibili' });
    const notice = await officeTask(c.id, 'Task_Preavviso');
    await complete(sara, notice.id, { motiviOstativi: 'La posizione in graduatoria non consente di assegnare un posto per il prossimo anno educativo' });
    const suspended = await caseOf(giuseppe, c.id);
    expect(suspended.status).toBe('sospesa');
    const observations = suspended.openCitizenTasks[0];
    const scheduler = t.app.get(TimerSchedulerService);

    // when: nine days pass, nothing happens
    await scheduler.tick(new Date(submittedAt.getTime() + 9 * DAY));
    expect((await caseOf(giuseppe, c.id)).status).toBe('sospesa');

    // when: eleven days pass
    await scheduler.tick(new Date(submittedAt.getTime() + 11 * DAY));

    // then: the observations task is withdrawn and the office has the final decision
    const moved = await caseOf(giuseppe, c.id);
    expect(moved.status).toBe('in-lavorazione');
    expect(moved.openCitizenTasks).toEqual([]);
    const expired = await t.http().get(`/api/v1/tasks/${observations.id}`).set('Authorization', await auth(giuseppe)).expect(200);
    expect(expired.body.status).toBe('cancelled');
    const late = await complete(giuseppe, observations.id, { osservazioni: 'Osservazioni fuori tempo massimo' }, 409);
    expect(late.body.code).toBe('TASK_CLOSED');
    const decision = await officeTask(c.id, 'Task_Decisione');
    await complete(sara, decision.id, { esito: 'respinta', motivazione: 'Nessuna osservazione pervenuta nei termini' });

    // then
    const done = await caseOf(giuseppe, c.id);
    // art. 10-bis: no observations, the term restarts when their 10-day window ends
    expect(done).toMatchObject({ status: 'rifiutata', outcome: 'rifiutata', legalDeadline: expectedDeadline(c.submittedAt, 70) });
    expect(done.protocol.number).toMatch(/^\d{7}$/);
    expect(done.takenInChargeAt).not.toBeNull();
    expect(statuses(done)).toEqual(['inviata', 'presa-in-carico', 'in-lavorazione', 'sospesa', 'termine-sospeso', 'termine-ripreso', 'in-lavorazione', 'rifiutata']);
    expect(done.timeline.map((e: TimelineEntry) => e.actorKind)).toEqual(['citizen', 'operator', 'operator', 'operator', 'system', 'system', 'system', 'operator']);
  });
});
