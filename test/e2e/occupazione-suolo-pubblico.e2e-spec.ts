import { ActIssuer } from '../../src/modules/documents';
import { TimerSchedulerService } from '../../src/modules/engine';
import { DebtDispatcher, ReceiptReconciler } from '../../src/modules/payments';
import { DEMO_CITIZENS, DEMO_OPERATORS } from '../../src/modules/identity';
import { anOccupazioneSuoloApplication } from '../factories/case.factory';
import { aPdf } from '../factories/document.factory';
import { readPdf } from '../support/pdf-text';
import { databaseLabel, dropTestSchema, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';
import { expectedDeadline } from '../support/expected-deadline';

type Citizen = (typeof DEMO_CITIZENS)[number];
type Who = Parameters<TestApp['token']>[0];

const mario = DEMO_CITIZENS[0];
const laura = DEMO_CITIZENS[1];
const giuseppe = DEMO_CITIZENS[2];
const giulia = DEMO_CITIZENS[3];
const operator = (userId: string) => DEMO_OPERATORS.find((o) => o.userId === userId)!;
const elena = operator('elena.marino'); // suap (head) + polizia-locale
const marcoGallo = operator('marco.gallo'); // lavori-pubblici + suap
const davide = operator('davide.greco'); // polizia-locale (head)
const chiara = operator('chiara.bruno'); // lavori-pubblici (head)
const luca = operator('luca.romano'); // anagrafe: a third office
const sara = operator('sara.colombo'); // servizi-educativi: another third office

const DAY = 86_400_000;
const PROCEDURE = 'occupazione-suolo-pubblico';

interface TaskItem {
  id: string;
  caseId: string;
  office: string;
  elementId: string;
  status: string;
  assignee: string | null;
  protocolNumber: string | null;
  citizenName: string;
  createdAt: string;
  dueAt: string | null;
  procedure: { key: string };
  version: number;
}

const dayBefore = (ymd: string) => new Date(Date.parse(`${ymd}T00:00:00Z`) - DAY).toISOString().slice(0, 10);

function application(p: Citizen, over: Record<string, unknown> = {}): Record<string, unknown> {
  return anOccupazioneSuoloApplication({ ...p, email: p.email ?? 'giulia.ferrari@example.it' }, over);
}

describe(`occupazione di suolo pubblico over HTTP on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys' });
  let t: TestApp;
  const auth = async (p: Who) => `Bearer ${await t.token(p)}`;

  beforeAll(async () => {
    t = await startTestApp(config);
  });
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  /** The form's required planimetria is uploaded first; its attachment id goes into the data (contract 2). */
  const uploadPlanimetria = async (citizen: Citizen): Promise<string> =>
    (await t.http().post('/api/v1/attachments').set('Authorization', await auth(citizen)).field('field', 'planimetria').attach('file', aPdf(`Planimetria di ${citizen.familyName}`), 'planimetria.pdf').expect(201)).body.id;
  const file = async (citizen: Citizen, data: Record<string, unknown>) =>
    (await t.http().post('/api/v1/cases').set('Authorization', await auth(citizen)).send({ procedureKey: PROCEDURE, data: { ...data, planimetria: [await uploadPlanimetria(citizen)] } }).expect(201)).body;
  const paymentsOf = async (who: Who, id: string) => (await t.http().get(`/api/v1/cases/${id}/payments`).set('Authorization', await auth(who)).expect(200)).body;
  const caseOf = async (citizen: Citizen, id: string) =>
    (await t.http().get(`/api/v1/cases/${id}`).set('Authorization', await auth(citizen)).expect(200)).body;
  const inbox = async (who: Who, query: string): Promise<{ items: TaskItem[]; nextCursor: string | null }> =>
    (await t.http().get(`/api/v1/tasks?${query}`).set('Authorization', await auth(who)).expect(200)).body;
  const tasksOf = async (who: Who, query: string, caseId: string) => (await inbox(who, `${query}&pageSize=100`)).items.filter((i) => i.caseId === caseId);
  const complete = async (who: Who, taskId: string, body: { data: Record<string, unknown>; version?: number }, expected = 200) =>
    t.http().post(`/api/v1/tasks/${taskId}/complete`).set('Authorization', await auth(who)).send(body).expect(expected);
  const claim = async (who: Who, taskId: string, expected = 200) =>
    t.http().post(`/api/v1/tasks/${taskId}/claim`).set('Authorization', await auth(who)).expect(expected);
  /** Every page of a query with pageSize=1, following nextCursor to the end. */
  const allPages = async (who: Who, query: string): Promise<TaskItem[]> => {
    const seen: TaskItem[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page = await inbox(who, `${query}&pageSize=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('pagination did not end');
  };
  const opinions = { polizia: { parerePoliziaLocale: 'favorevole', prescrizioniPoliziaLocale: 'Lasciare libero il passaggio pedonale' }, lavori: { parereLavoriPubblici: 'favorevole', prescrizioniLavoriPubblici: 'Nessuna prescrizione' } };
  /** Both opinions given, each by its own office: the SUAP decision task comes next. */
  const giveOpinions = async (caseId: string): Promise<TaskItem> => {
    const [pl] = await tasksOf(davide, 'office=polizia-locale', caseId);
    const [lp] = await tasksOf(chiara, 'office=lavori-pubblici', caseId);
    await complete(davide, pl.id, { data: opinions.polizia });
    await complete(chiara, lp.id, { data: opinions.lavori });
    const decisions = await tasksOf(elena, 'office=suap', caseId);
    expect(decisions.map((d) => d.elementId)).toEqual(['Task_Decisione']);
    return decisions[0];
  };

  let grantedCaseId = '';

  it('given a concession request, when both offices give their opinions in parallel and the SUAP decides, then it is granted', async () => {
    // given: a business applying needs its company data (shown only when not "privato")
    const data = application(mario, { qualitaRichiedente: 'impresa', finalita: 'dehors' });
    const missing = await t.http().post('/api/v1/cases').set('Authorization', await auth(mario)).send({ procedureKey: PROCEDURE, data }).expect(422);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['partitaIva', 'planimetria', 'ragioneSociale']);
    const c = await file(mario, { ...data, ragioneSociale: 'Bar Centrale di Mario Rossi', partitaIva: '01234567890' });
    grantedCaseId = c.id;
    // not taken in charge until an office claims one of its tasks (AgID criterion 9)
    expect(c).toMatchObject({ status: 'inviata', legalDays: 30, legalDeadline: expectedDeadline(c.submittedAt, 30), takenInChargeAt: null });
    expect(c.protocol.number).toMatch(/^\d{7}$/);
    const documents = (await t.http().get(`/api/v1/cases/${c.id}/documents`).set('Authorization', await auth(elena)).expect(200)).body;
    expect(documents).toEqual([expect.objectContaining({ kind: 'attachment', name: 'planimetria.pdf', mediaType: 'application/pdf' })]);

    // when: the opinions are requested, then both land at once, each in its own office's inbox
    const [pl] = await tasksOf(davide, 'office=polizia-locale', c.id);
    const [lp] = await tasksOf(chiara, 'office=lavori-pubblici', c.id);
    expect(pl).toMatchObject({ elementId: 'Task_ParerePoliziaLocale', office: 'polizia-locale', status: 'open', assignee: null, protocolNumber: c.protocol.number, citizenName: 'Mario Rossi', dueAt: c.legalDeadline });
    expect(lp).toMatchObject({ elementId: 'Task_ParereLavoriPubblici', office: 'lavori-pubblici', status: 'open', assignee: null, protocolNumber: c.protocol.number });
    expect(await tasksOf(chiara, 'office=lavori-pubblici', c.id)).toHaveLength(1);
    expect(await tasksOf(davide, 'office=polizia-locale', c.id)).toHaveLength(1);
    expect(await tasksOf(elena, 'office=suap', c.id)).toEqual([]);
    // an office one is not part of cannot be listed
    const notMine = await t.http().get('/api/v1/tasks?office=polizia-locale').set('Authorization', await auth(chiara)).expect(400);
    expect(notMine.body.errors.map((e: { field: string }) => e.field)).toEqual(['office']);

    // a third office gets 404 on both: across offices a task id tells nothing (issue 9)
    for (const task of [pl, lp]) {
      expect((await claim(luca, task.id, 404)).body.code).toBe('TASK_NOT_FOUND');
      await complete(sara, task.id, { data: opinions.polizia }, 404);
      await t.http().get(`/api/v1/tasks/${task.id}`).set('Authorization', await auth(luca)).expect(404);
    }

    // two operators of the Polizia locale race to claim: one wins, the other is told who has it
    const race = await Promise.all([davide, elena].map(async (who) => ({ who, res: await t.http().post(`/api/v1/tasks/${pl.id}/claim`).set('Authorization', await auth(who)) })));
    expect(race.map((r) => r.res.status).sort()).toEqual([200, 409]);
    const winner = race.find((r) => r.res.status === 200)!.who;
    const loser = race.find((r) => r.res.status === 409)!;
    expect(loser.res.body).toMatchObject({ code: 'TASK_CLAIMED_BY_OTHER' });
    expect(loser.res.body.detail).toContain(winner.userId);
    // the loser cannot complete it either
    expect((await complete(loser.who, pl.id, { data: opinions.polizia }, 409)).body.code).toBe('TASK_CLAIMED_BY_OTHER');

    // Lavori pubblici: completing with the version seen before the claim is stale
    const before = (await t.http().get(`/api/v1/tasks/${lp.id}`).set('Authorization', await auth(chiara)).expect(200)).body as TaskItem;
    const claimed = (await claim(chiara, lp.id)).body as TaskItem;
    expect(claimed.version).toBeGreaterThan(before.version);
    const stale = await complete(chiara, lp.id, { data: opinions.lavori, version: before.version }, 409);
    expect(stale.body).toMatchObject({ code: 'TASK_STALE_VERSION' });
    await complete(chiara, lp.id, { data: opinions.lavori, version: claimed.version });

    // one opinion is not enough: the SUAP waits for the other
    expect(await tasksOf(elena, 'office=suap', c.id)).toEqual([]);
    expect((await caseOf(mario, c.id)).status).toBe('presa-in-carico');
    await complete(winner, pl.id, { data: { parerePoliziaLocale: 'favorevole-con-prescrizioni', prescrizioniPoliziaLocale: 'Lasciare 2 metri di marciapiede liberi' } });

    // then: the SUAP decision follows
    const [decision] = await tasksOf(marcoGallo, 'office=suap', c.id);
    expect(decision).toMatchObject({ elementId: 'Task_Decisione', protocolNumber: c.protocol.number });
    expect((await caseOf(mario, c.id)).status).toBe('in-lavorazione');
    const noFee = await complete(marcoGallo, decision.id, { data: { esito: 'accolta', motivazione: 'Pareri favorevoli acquisiti' } }, 422);
    expect(noFee.body.errors.map((e: { field: string }) => e.field)).toEqual(['canoneEuro']);
    await complete(marcoGallo, decision.id, { data: { esito: 'accolta', canoneEuro: 312.4, motivazione: 'Pareri favorevoli acquisiti, con le prescrizioni della Polizia locale' } });

    // then: the canone is asked through pagoPA; the case waits for it
    const waiting = await caseOf(mario, c.id);
    expect(waiting).toMatchObject({ status: 'in-lavorazione', outcome: null, closedAt: null });
    const [pending] = await paymentsOf(mario, c.id);
    expect(pending).toMatchObject({ amount: 31240, status: 'pending', statusLabel: 'In attesa', payable: false, qrCode: `PAGOPA|002|${pending.noticeNumber}|${pending.creditorFiscalCode}|31240` });
    expect(pending.noticeNumber).toMatch(/^3\d{17}$/);
    // the debt position reaches pagoPA after the step's commit, through the dispatcher
    expect(await t.app.get(DebtDispatcher).dispatchDue()).toEqual({ published: 1, retried: 0, failed: 0 });
    expect((await paymentsOf(mario, c.id))[0]).toMatchObject({ status: 'published', statusLabel: 'Da pagare', payable: true });
    await t.http().get(`/api/v1/cases/${c.id}/payments`).set('Authorization', await auth(laura)).expect(404);
    const avviso = await t.http().get(`/api/v1/cases/${c.id}/payments/${pending.noticeNumber}/avviso`).set('Authorization', await auth(mario)).buffer(true).parse((res, cb) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => cb(null, Buffer.concat(parts)));
    }).expect(200);
    expect(avviso.headers['content-type']).toBe('application/pdf');
    const avvisoPdf = readPdf(avviso.body as Buffer);
    expect(avvisoPdf.text.replace(/\s+/g, ' ')).toEqual(expect.stringContaining(pending.noticeNumber.replace(/(\d{4})(?=\d)/g, '$1 ')));
    expect(avvisoPdf.text).toContain('312,40');
    expect(avvisoPdf.hasOutputIntent).toBe(true);
    expect(avvisoPdf.images).toBeGreaterThanOrEqual(1);
    await t.http().get(`/api/v1/cases/${c.id}/payments/${pending.noticeNumber}/avviso`).set('Authorization', await auth(laura)).expect(404);

    // when: Mario pays the notice at pagoPA
    const receipt = (await t.http().post(`/dev-pagopa/avvisi/${pending.noticeNumber}/paga`).expect(200)).body;
    expect(receipt).toMatchObject({ noticeNumber: pending.noticeNumber, amount: 31240, debtorFiscalCode: mario.fiscalCode });
    // then: the receipt is applied once, and the case continues to the concession
    expect((await paymentsOf(elena, c.id))[0]).toMatchObject({ status: 'paid', statusLabel: 'Pagato', receiptId: receipt.receiptId, payable: false });
    expect((await t.http().post(`/dev-pagopa/avvisi/${pending.noticeNumber}/paga`).expect(409)).body.code).toBe('PAYMENT_NOTICE_NOT_PAYABLE');
    expect(await t.app.get(ReceiptReconciler).reconcile()).toMatchObject({ applied: 0, flagged: 0 });

    const done = await caseOf(mario, c.id);
    expect(done).toMatchObject({ status: 'accettata', displayStatus: 'accettata', outcome: 'accettata', legalDeadline: c.legalDeadline });
    expect(done.takenInChargeAt).not.toBeNull();
    // the first claim (a Polizia locale operator's) took the case in charge, once for both opinions
    expect(done.timeline[1]).toMatchObject({ status: 'presa-in-carico', actorKind: 'operator', office: 'polizia-locale' });
    expect(done.protocol.number).toBe(c.protocol.number);
    expect(done.closedAt).not.toBeNull();
    expect(done.timeline.map((e: { status: string }) => e.status)).toEqual(['inviata', 'presa-in-carico', 'in-lavorazione', 'in-lavorazione', 'accettata']);
    expect(JSON.stringify(done.timeline[3])).toContain('In attesa del pagamento del canone');
    const closed = (await t.http().get(`/api/v1/tasks/${pl.id}`).set('Authorization', await auth(davide)).expect(200)).body;
    expect(closed).toMatchObject({ status: 'completed', assignee: winner.userId });
  });

  it('given several open requests, when operators filter, sort and page their inboxes, then each filter selects exactly its tasks', async () => {
    // given: three requests, opinions pending
    const cases = [await file(laura, application(laura)), await file(giuseppe, application(giuseppe, { finalita: 'evento', descrizioneEvento: 'Festa di quartiere' })), await file(giulia, application(giulia))];
    const ids = cases.map((c) => c.id);
    const ours = (items: TaskItem[]) => items.filter((i) => ids.includes(i.caseId));
    const due = cases[0].legalDeadline as string;

    // office and procedure
    const police = ours((await inbox(davide, `office=polizia-locale&procedure=${PROCEDURE}&pageSize=100`)).items);
    expect(police.map((i) => i.caseId).sort()).toEqual([...ids].sort());
    expect(new Set(police.map((i) => i.elementId))).toEqual(new Set(['Task_ParerePoliziaLocale']));
    expect(ours((await inbox(davide, 'office=polizia-locale&procedure=certificato-residenza')).items)).toEqual([]);
    // Elena's inbox without an office spans both of hers; with one, only that one
    expect(ours((await inbox(elena, 'pageSize=100')).items).map((i) => i.office)).toEqual(['polizia-locale', 'polizia-locale', 'polizia-locale']);
    expect(ours((await inbox(elena, 'office=suap&pageSize=100')).items)).toEqual([]);

    // q: citizen name (any case, part of it) or protocol number
    const byName = ours((await inbox(davide, 'office=polizia-locale&q=bianchi')).items);
    expect(byName.map((i) => i.caseId)).toEqual([cases[0].id]);
    const byProtocol = (await inbox(chiara, `q=${cases[1].protocol.number}`)).items;
    expect(byProtocol.map((i) => [i.caseId, i.elementId])).toEqual([[cases[1].id, 'Task_ParereLavoriPubblici']]);
    // typed without its leading zeros, the protocol number finds the same task
    const byShortNumber = (await inbox(chiara, `q=${Number(cases[1].protocol.number)}`)).items;
    expect(byShortNumber.map((i) => i.caseId)).toEqual([cases[1].id]);

    // status and assignee
    const lauraTask = byName[0];
    await claim(davide, lauraTask.id);
    expect(ours((await inbox(davide, 'office=polizia-locale&status=claimed')).items).map((i) => i.id)).toEqual([lauraTask.id]);
    expect(ours((await inbox(davide, 'office=polizia-locale&status=unclaimed&pageSize=100')).items).map((i) => i.caseId).sort()).toEqual([cases[1].id, cases[2].id].sort());
    expect(ours((await inbox(davide, 'assignee=me')).items).map((i) => i.id)).toEqual([lauraTask.id]);
    expect(ours((await inbox(elena, 'assignee=me')).items)).toEqual([]);
    await t.http().post(`/api/v1/tasks/${lauraTask.id}/unclaim`).set('Authorization', await auth(davide)).expect(200);
    expect(ours((await inbox(davide, 'office=polizia-locale&status=claimed')).items)).toEqual([]);

    // dueBefore: the legal deadline is inclusive
    for (const c of cases) expect(c.legalDeadline).toBe(expectedDeadline(c.submittedAt, 30));
    const onTime = ours((await inbox(chiara, `dueBefore=${due}&pageSize=100`)).items);
    expect(onTime.map((i) => i.caseId).sort()).toEqual([...ids].sort());
    expect(ours((await inbox(chiara, `dueBefore=${dayBefore(due)}&pageSize=100`)).items)).toEqual([]);
    expect((await t.http().get('/api/v1/tasks?dueBefore=31/12/2026').set('Authorization', await auth(chiara)).expect(400)).body.errors[0].field).toBe('dueBefore');

    // sort=due: ordered by deadline (then id)
    const byDue = (await inbox(elena, 'sort=due&pageSize=100')).items;
    const keys = byDue.map((i) => `${i.dueAt}|${i.id}`);
    expect(keys).toEqual([...keys].sort());

    // cursor pagination, one per page, for both sorts: same tasks, same order, no duplicates, none missed
    for (const [who, query] of [
      [elena, 'sort=created'],
      [elena, 'sort=due'],
      [chiara, `office=lavori-pubblici&procedure=${PROCEDURE}&sort=due`],
    ] as const) {
      const full = (await inbox(who, `${query}&pageSize=100`)).items.map((i) => i.id);
      const paged = (await allPages(who, query)).map((i) => i.id);
      expect(new Set(paged).size).toBe(paged.length);
      expect(paged).toEqual(full);
      expect(full.length).toBeGreaterThanOrEqual(3);
    }
    const forged = await t.http().get('/api/v1/tasks?cursor=not-a-cursor').set('Authorization', await auth(elena)).expect(400);
    expect(forged.body.errors[0].field).toBe('cursor');
  });

  it('given a decision not taken, when the 30-day legal term passes, then the escalation lands in the SUAP queue and its head concludes the case', async () => {
    // given: opinions given, the SUAP decision waiting
    const c = await file(giulia, application(giulia, { qualitaRichiedente: 'associazione', ragioneSociale: 'Associazione Amici del Parco', partitaIva: '09876543210', finalita: 'banco' }));
    const submittedAt = new Date(c.submittedAt);
    const decision = await giveOpinions(c.id);
    expect((await caseOf(giulia, c.id)).status).toBe('in-lavorazione');
    const scheduler = t.app.get(TimerSchedulerService);

    // when: 29 days pass, nothing happens
    await scheduler.tick(new Date(submittedAt.getTime() + 29 * DAY));
    expect((await tasksOf(elena, 'office=suap', c.id)).map((i) => i.id)).toEqual([decision.id]);

    // when: 31 days pass
    await scheduler.tick(new Date(submittedAt.getTime() + 31 * DAY));

    // then: the ordinary decision is withdrawn and the escalation is in the SUAP queue
    const queue = await tasksOf(elena, 'office=suap&status=unclaimed', c.id);
    expect(queue.map((i) => i.elementId)).toEqual(['Task_DecisioneResponsabile']);
    expect(queue[0]).toMatchObject({ office: 'suap', protocolNumber: c.protocol.number, citizenName: 'Giulia Ferrari' });
    expect((await tasksOf(marcoGallo, 'office=suap', c.id)).map((i) => i.id)).toEqual([queue[0].id]);
    const withdrawn = (await t.http().get(`/api/v1/tasks/${decision.id}`).set('Authorization', await auth(elena)).expect(200)).body;
    expect(withdrawn.status).toBe('cancelled');
    expect((await complete(marcoGallo, decision.id, { data: { esito: 'respinta', motivazione: 'Decisione fuori termine' } }, 409)).body.code).toBe('TASK_CLOSED');
    // a granted case's timer was cancelled with its task: nothing new for it
    expect(await tasksOf(elena, 'office=suap', grantedCaseId)).toEqual([]);
    expect((await caseOf(mario, grantedCaseId)).status).toBe('accettata');

    // only the head assigns; Elena takes it and decides
    const notHead = await t.http().post(`/api/v1/tasks/${queue[0].id}/assign`).set('Authorization', await auth(marcoGallo)).send({ operator: marcoGallo.userId }).expect(403);
    expect(notHead.body.code).toBe('TASK_NOT_OFFICE_HEAD');
    await t.http().post(`/api/v1/tasks/${queue[0].id}/assign`).set('Authorization', await auth(elena)).send({ operator: elena.userId }).expect(200);
    expect(await tasksOf(elena, 'assignee=me', c.id)).toHaveLength(1);
    await complete(elena, queue[0].id, { data: { esito: 'respinta', motivazione: 'Il banco ostruisce il passaggio dei mezzi di soccorso' } });

    // then: the case is concluded
    const done = await caseOf(giulia, c.id);
    expect(done).toMatchObject({ status: 'rifiutata', displayStatus: 'rifiutata', outcome: 'rifiutata', legalDeadline: expectedDeadline(c.submittedAt, 30) });
    expect(done.closedAt).not.toBeNull();
    expect(done.protocol.number).toBe(c.protocol.number);
    expect(done.timeline.map((e: { status: string }) => e.status)).toEqual(['inviata', 'presa-in-carico', 'in-lavorazione', 'rifiutata']);
    expect(await tasksOf(elena, 'office=suap', c.id)).toEqual([]);
    // and the rejection with its reasons is issued to Giulia as a protocolled act
    expect((await t.app.get(ActIssuer).issueDue()).issued).toBeGreaterThanOrEqual(1);
    const docs = (await t.http().get(`/api/v1/cases/${c.id}/documents`).set('Authorization', await auth(giulia)).expect(200)).body as Array<{ id: string; kind: string; name: string }>;
    const act = docs.find((d) => d.kind === 'act')!;
    expect(act.name).toMatch(/^rigetto-/);
    const pdf = await t.http().get(`/api/v1/documents/${act.id}`).set('Authorization', await auth(giulia)).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (x: Buffer) => chunks.push(x));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const text = readPdf(pdf.body as Buffer).text.replace(/\s+/g, ' ');
    expect(text).toContain('Il banco ostruisce il passaggio dei mezzi di soccorso');
    expect(text).toContain('Provvedimento di rigetto della domanda');
  });
});
