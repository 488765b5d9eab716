import Holidays from 'date-holidays';
import { DEMO_CITIZENS, DEMO_OPERATORS } from '../../src/modules/identity';
import { databaseLabel, dropTestSchema, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';
import { aNidoApplication } from '../factories/case.factory';
import { expectedDeadline } from '../support/expected-deadline';

const mario = DEMO_CITIZENS[0];
const sara = DEMO_OPERATORS.find((o) => o.userId === 'sara.colombo')!; // servizi-educativi, head
const holidays = new Holidays('IT');

/** The day after `ymd`, skipping Sundays and national holidays (independent of the app). */
function nextWorkingDay(ymd: string): string {
  let t = Date.parse(`${ymd}T00:00:00Z`);
  for (;;) {
    t += 86_400_000;
    const d = new Date(t);
    const day = d.toISOString().slice(0, 10);
    if (d.getUTCDay() !== 0 && !holidays.getHolidays(d.getUTCFullYear()).some((h) => h.type === 'public' && h.date.startsWith(day))) return day;
  }
}

/** The day a 60-day term from today ends (Sundays and holidays rolled): the patron day in this test. */
const plainDeadline = expectedDeadline(new Date().toISOString(), 60);

describe(`the legal clock driven by the process on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys', COMUNE_PATRON_DAY: plainDeadline.slice(5) });
  let t: TestApp;
  const auth = async (p: Parameters<TestApp['token']>[0]) => `Bearer ${await t.token(p)}`;

  beforeAll(async () => {
    t = await startTestApp(config);
  });
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  const application = aNidoApplication(mario, { nome: 'Sofia', codiceFiscale: 'RSSSFO24C55H501X' });
  const caseOf = async (id: string) => (await t.http().get(`/api/v1/cases/${id}`).set('Authorization', await auth(mario)).expect(200)).body;
  const evaluation = async (caseId: string) =>
    ((await t.http().get('/api/v1/tasks?office=servizi-educativi&pageSize=100').set('Authorization', await auth(sara)).expect(200)).body.items as Array<{ id: string; caseId: string; dueAt: string }>).find(
      (i) => i.caseId === caseId,
    )!;
  const askIntegration = async (caseId: string) => {
    const task = await evaluation(caseId);
    await t.http().post(`/api/v1/tasks/${task.id}/complete`).set('Authorization', await auth(sara)).send({ data: { esito: 'integrazione', richiestaIntegrazione: 'Allegare la DSU aggiornata', motivazione: 'DSU scaduta' } }).expect(200);
  };
  const answer = async (caseId: string) => {
    const [task] = (await caseOf(caseId)).openCitizenTasks;
    await t.http().post(`/api/v1/tasks/${task.id}/complete`).set('Authorization', await auth(mario)).send({ data: { integrazione: 'Allego la nuova DSU come richiesto', iseeAggiornatoEuro: 17250, dichiarazioneVeridicita: true } }).expect(200);
  };

  it("given the patron day configured on the term's last day, when a case is filed, then its deadline moves to the next working day, on the case and its tasks", async () => {
    const c = (await t.http().post('/api/v1/cases').set('Authorization', await auth(mario)).send({ procedureKey: 'iscrizione-nido', data: application }).expect(201)).body;
    expect(c.legalDeadline).toBe(nextWorkingDay(plainDeadline));
    expect(c.legalClock).toMatchObject({ deadline: c.legalDeadline, suspended: false });
    expect((await evaluation(c.id)).dueAt).toBe(c.legalDeadline);
  });

  it('given an integration already suspended the term, when the office asks for a second one, then the term is not suspended again and the timeline says why', async () => {
    const c = (await t.http().post('/api/v1/cases').set('Authorization', await auth(mario)).send({ procedureKey: 'iscrizione-nido', data: application }).expect(201)).body;
    await askIntegration(c.id);
    const asked = await caseOf(c.id);
    expect(asked.legalClock).toMatchObject({ suspended: true, suspendedSince: expect.any(String) });
    // the timeline tells the citizen what the office asked (the diagram names the field in its citizenMessage)
    expect(asked.timeline.find((e: { status: string }) => e.status === 'da-integrare').message).toContain('Allegare la DSU aggiornata');
    // the citizen's task carries the request's term: 30 days from the request (art. 2 c. 7)
    expect(asked.openCitizenTasks).toHaveLength(1);
    expect(asked.openCitizenTasks[0].replyBy).toBe(new Date(Date.parse(`${asked.legalClock.suspendedSince}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10));
    await answer(c.id);
    expect((await caseOf(c.id)).legalClock).toMatchObject({ suspended: false });
    // when: a second request
    await askIntegration(c.id);
    // then
    const second = await caseOf(c.id);
    expect(second.status).toBe('da-integrare');
    expect(second.legalClock).toMatchObject({ suspended: false, deadline: c.legalDeadline });
    const clock = second.timeline.filter((e: { status: string }) => e.status.startsWith('termine-'));
    expect(clock.map((e: { status: string }) => e.status)).toEqual(['termine-sospeso', 'termine-ripreso', 'termine-non-sospeso']);
    expect(clock[2].message).toContain('una sola volta');
    await answer(c.id);
    expect((await caseOf(c.id)).timeline.filter((e: { status: string }) => e.status.startsWith('termine-'))).toHaveLength(3);
  });
});
