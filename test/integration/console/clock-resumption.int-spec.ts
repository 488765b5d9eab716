import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ClockResumptionJob, CLOCK_EVENTS } from '../../../src/modules/cases';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';

const DAY = 86_400_000;
const NOW = new Date('2026-03-20T09:00:00Z');
const dayOf = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY).toISOString().slice(0, 10);

describe(`day-30 resumption of the legal clock on ${databaseLabel()}`, () => {
  const config = testConfig({ DATA_DIR: '.test-data/clock-job-keys', SCHEDULER_ENABLED: 'false' });
  let t: TestApp;
  let ds: DataSource;
  let job: ClockResumptionJob;

  const aSuspendedCase = async (o: { startedDaysAgo: number; autoResumeDays?: number; refused?: boolean }): Promise<string> => {
    const id = randomUUID();
    await ds.query(
      `insert into case_file (id, code, procedure_key, procedure_title, office, citizen_fiscal_code, citizen_name, status, data, submitted_at, legal_days, legal_deadline)
       values ($1, $2, 'iscrizione-nido', 'Iscrizione al nido', 'servizi-educativi', 'BNCLRA90E45H501A', 'Laura Bianchi', 'da-integrare', '{}', $3, 30, $4)`,
      [id, `SP-${id.slice(0, 5)}-${id.slice(5, 10)}`.toUpperCase(), new Date(NOW.getTime() - (o.startedDaysAgo + 10) * DAY), dayOf(o.startedDaysAgo - 20)],
    );
    await ds.query(
      `insert into case_clock_suspension (case_id, kind, item_id, started_on, auto_resume_days, max_days, refused) values ($1, 'integrazione', $2, $3, $4, $4, $5)`,
      [id, `item-${id}`, dayOf(o.startedDaysAgo), o.autoResumeDays ?? 30, o.refused ?? false],
    );
    return id;
  };
  const resumedEvents = async (caseId: string) =>
    (await ds.query(`select message from case_event where case_id = $1 and status = $2`, [caseId, CLOCK_EVENTS.resumed])) as Array<{ message: string }>;

  beforeAll(async () => {
    t = await startTestApp(config);
    ds = t.app.get(DataSource);
    job = t.app.get(ClockResumptionJob);
  });
  afterAll(async () => {
    await t?.close();
    await dropTestSchema(config);
  });

  it('given suspensions past, at and before their maximum length, when two runs race, then each due one resumes once on the timeline with the new deadline', async () => {
    // given
    const overdue = await aSuspendedCase({ startedDaysAgo: 31 });
    const due = await aSuspendedCase({ startedDaysAgo: 15, autoResumeDays: 15 });
    const running = await aSuspendedCase({ startedDaysAgo: 10 });
    const refused = await aSuspendedCase({ startedDaysAgo: 40, refused: true });
    const deadlineBefore = ((await ds.query(`select to_char(legal_deadline, 'YYYY-MM-DD') as d from case_file where id = $1`, [overdue])) as Array<{ d: string }>)[0].d;
    // when
    const counts = await Promise.all([job.run(NOW), job.run(NOW)]);
    const again = await job.run(NOW);
    // then
    expect(counts[0] + counts[1]).toBe(2);
    expect(again).toBe(0);
    const [overdueEvents, dueEvents] = [await resumedEvents(overdue), await resumedEvents(due)];
    expect(overdueEvents).toHaveLength(1);
    expect(dueEvents).toHaveLength(1);
    expect(overdueEvents[0].message).toContain('riprende a decorrere');
    expect(await resumedEvents(running)).toHaveLength(0);
    expect(await resumedEvents(refused)).toHaveLength(0);
    const rows = (await ds.query(`select case_id, to_char(resumes_on, 'YYYY-MM-DD') as resumes_on from case_clock_suspension where case_id = any($1::uuid[]) order by case_id`, [[overdue, due, running]])) as Array<{ case_id: string; resumes_on: string | null }>;
    const byCase = new Map(rows.map((r) => [r.case_id, r.resumes_on]));
    expect(byCase.get(overdue)).toBe(dayOf(1));
    expect(byCase.get(due)).toBe(dayOf(0));
    expect(byCase.get(running)).toBeNull();
    // the deadline moved by the days the case was suspended
    const deadlineAfter = ((await ds.query(`select to_char(legal_deadline, 'YYYY-MM-DD') as d from case_file where id = $1`, [overdue])) as Array<{ d: string }>)[0].d;
    expect(deadlineAfter > deadlineBefore).toBe(true);
  });
});
