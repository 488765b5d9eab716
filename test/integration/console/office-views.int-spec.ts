import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OfficeViewsService } from '../../../src/modules/console';
import { DEMO_OPERATORS, OperatorPrincipal } from '../../../src/modules/identity';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';

const anna = DEMO_OPERATORS.find((o) => o.userId === 'anna.esposito')!;
const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!;
const NOW = new Date('2026-06-15T10:00:00Z');
const DAY = 86_400_000;

describe(`office head views on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/office-views-keys' });
  let t: TestApp;
  let ds: DataSource;
  let views: OfficeViewsService;

  const aCase = async (o: { office?: string; key?: string; title?: string; submittedDaysAgo: number; closedDaysAgo?: number; withdrawn?: boolean; deadlineInDays?: number }): Promise<string> => {
    const id = randomUUID();
    const submitted = new Date(NOW.getTime() - o.submittedDaysAgo * DAY);
    const closed = o.closedDaysAgo === undefined ? null : new Date(NOW.getTime() - o.closedDaysAgo * DAY);
    const deadline = new Date(NOW.getTime() + (o.deadlineInDays ?? 30) * DAY).toISOString().slice(0, 10);
    await ds.query(
      `insert into case_file (id, code, procedure_key, procedure_title, office, citizen_fiscal_code, citizen_name, status, data, submitted_at, legal_days, legal_deadline, closed_at, withdrawn_at)
       values ($1, $2, $3, $4, $5, 'RSSMRA80A01H501U', 'Mario Rossi', 'inviata', '{}', $6, 30, $7, $8, $9)`,
      [id, `SP-${id.slice(0, 5)}-${id.slice(5, 10)}`.toUpperCase(), o.key ?? 'certificato-residenza', o.title ?? 'Certificato di residenza', o.office ?? 'anagrafe', submitted, deadline, closed, o.withdrawn ? closed : null],
    );
    return id;
  };
  const aTask = async (caseId: string, assignee: string | null) => {
    await ds.query(
      `insert into task (id, office, case_id, instance_id, element_id, status, assignee, created_at, procedure_key, procedure_title, citizen_name)
       values ($1, 'anagrafe', $2, $3, 'istruttoria', 'open', $4, $5, 'certificato-residenza', 'Certificato di residenza', 'Mario Rossi')`,
      [randomUUID(), caseId, randomUUID(), assignee, new Date(NOW.getTime() - DAY)],
    );
  };

  beforeAll(async () => {
    t = await startTestApp(config);
    ds = t.app.get(DataSource);
    views = t.app.get(OfficeViewsService);
    // given: ten certificates concluded in 1..10 days within the last 30 days
    for (let d = 1; d <= 10; d++) await aCase({ submittedDaysAgo: 20 + d, closedDaysAgo: 20 });
    // one concluded 100 days ago after 50 days (in the 365-day window only)
    await aCase({ submittedDaysAgo: 150, closedDaysAgo: 100 });
    // left out: a withdrawn case, another office's case
    await aCase({ submittedDaysAgo: 25, closedDaysAgo: 5, withdrawn: true });
    await aCase({ office: 'suap', key: 'occupazione-suolo-pubblico', title: 'Occupazione di suolo pubblico', submittedDaysAgo: 40, closedDaysAgo: 3 });
    // open work: one case past its deadline, one near, one far
    const past = await aCase({ submittedDaysAgo: 40, deadlineInDays: -10 });
    await aCase({ submittedDaysAgo: 25, deadlineInDays: 5 });
    await aCase({ submittedDaysAgo: 1, deadlineInDays: 29 });
    await aTask(past, 'luca.romano');
    await aTask(past, 'luca.romano');
    await aTask(past, null);
  });
  afterAll(async () => {
    await t?.close();
    await dropTestSchema(config);
  });

  it('given known concluded cases, when the head reads the durations, then mean and 90th percentile per window are computed in SQL', async () => {
    // when
    const d30 = (await views.dashboard(anna, 'anagrafe', '30', NOW)) as { durations: unknown[] };
    const d365 = (await views.dashboard(anna, 'anagrafe', '365', NOW)) as { durations: unknown[] };
    // then: 1..10 days → mean 5.5, p90 9.1; with 50 → mean 9.5, p90 10
    expect(d30.durations).toEqual([{ procedure_key: 'certificato-residenza', procedure_title: 'Certificato di residenza', closed: 10, avg_days: 5.5, p90_days: 9.1 }]);
    expect(d365.durations).toEqual([{ procedure_key: 'certificato-residenza', procedure_title: 'Certificato di residenza', closed: 11, avg_days: 9.5, p90_days: 10 }]);
  });

  it('given open tasks and cases, when the head opens the view, then workload per operator and procedure and the cases near or past the deadline are listed', async () => {
    // when
    const view = (await views.dashboard(anna, undefined, undefined, NOW)) as {
      workload: Array<{ assignee: string | null; open_tasks: number }>;
      operators: unknown[];
      atRisk: Array<{ past: boolean; daysLeft: number }>;
      days: number;
    };
    // then
    expect(view.days).toBe(90);
    expect(view.workload.map((w) => [w.assignee, w.open_tasks])).toEqual([[null, 1], ['luca.romano', 2]]);
    expect(view.operators).toEqual([{ assignee: 'Non assegnate', open: 1 }, { assignee: 'luca.romano', open: 2 }]);
    expect(view.atRisk.map((c) => c.past)).toEqual([true, false]);
    expect(view.atRisk[1].daysLeft).toBeLessThanOrEqual(10);
  });

  it('given the CSV export, when downloaded, then Italian headers, semicolons, decimal commas and a BOM', async () => {
    // when
    const csv = await views.durationsCsv(anna, 'anagrafe', '30', NOW);
    // then
    expect(csv.fileName).toBe('tempi-anagrafe-30-giorni.csv');
    expect(csv.body.split('\r\n')).toEqual([
      '\uFEFFUfficio;Procedimento;Codice procedimento;Periodo (giorni);Pratiche concluse;Giorni medi;Giorni 90° percentile',
      'anagrafe;Certificato di residenza;certificato-residenza;30;10;5,5;9,1',
      '',
    ]);
  });

  it('given an operator who heads no office, or a head asking for another office or period, then refused naming the field', async () => {
    await expect(views.dashboard(luca as OperatorPrincipal, undefined, undefined, NOW)).rejects.toMatchObject({ code: 'WEB_FORBIDDEN' });
    await expect(views.dashboard(anna, 'suap', undefined, NOW)).rejects.toMatchObject({ details: { fieldErrors: [{ field: 'ufficio' }] } });
    await expect(views.durationsCsv(anna, 'anagrafe', '7', NOW)).rejects.toMatchObject({ details: { fieldErrors: [{ field: 'periodo' }] } });
  });
});
