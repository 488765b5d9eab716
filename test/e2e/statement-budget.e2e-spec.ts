import { Client } from 'pg';
import { DEMO_CITIZENS, DEMO_OPERATORS } from '../../src/modules/identity';
import { aCertificatoResidenzaRequest } from '../factories/case.factory';
import { startTestApp, TestApp } from '../setup/test-app';
import { dropTestSchema, onPostgres, testConfig } from '../setup/test-database';

/**
 * Round trips to PostgreSQL per step of one HTTP lifecycle (file → find → claim → complete →
 * read), counted at the pg driver. Each statement costs the app a protocol write and a wakeup,
 * which is most of what separates an HTTP lifecycle from the bare engine (bench/results), so the
 * counts are held here as budgets: a change that adds a statement to a step fails this test and
 * has to raise the budget on purpose. Counts, not times: they do not depend on the machine.
 * PostgreSQL only: PGlite runs in-process, without the driver counted here.
 */
// complete: 23 until the accepted certificate issued its act (documents.render: a savepoint, the act
// request in one statement, its release); the act itself is rendered after commit.
const BUDGET = { file: 18, find: 2, claim: 11, complete: 26, read: 2 } as const;
type Step = keyof typeof BUDGET;

const mario = DEMO_CITIZENS[0];
const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!;
const DECISION = { verificaAnpr: true, esito: 'accolta', motivazione: 'Residenza verificata in ANPR' };

(onPostgres() ? describe : describe.skip)('statements per lifecycle step on PostgreSQL', () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys' });
  let t: TestApp;
  let statements: string[] | null = null;
  const query = Client.prototype.query;

  beforeAll(async () => {
    t = await startTestApp(config);
    const spy = function (this: Client, ...args: unknown[]): unknown {
      const q = args[0] as string | { text?: string };
      statements?.push(typeof q === 'string' ? q : (q.text ?? ''));
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    };
    Client.prototype.query = spy as typeof Client.prototype.query;
  });
  afterAll(async () => {
    Client.prototype.query = query;
    await t.close();
    await dropTestSchema(config);
  });

  async function counted<T>(work: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
    statements = [];
    try {
      const result = await work();
      return { result, sql: statements };
    } finally {
      statements = null;
    }
  }

  async function lifecycle(n: number): Promise<Record<Step, string[]>> {
    const citizen = `Bearer ${await t.token(mario)}`;
    const operator = `Bearer ${await t.token(luca)}`;
    const file = await counted(() =>
      t.http().post('/api/v1/cases').set('Authorization', citizen).set('Idempotency-Key', `budget-${n}-0000`).send({ procedureKey: 'certificato-residenza', data: aCertificatoResidenzaRequest() }).expect(201),
    );
    const c = file.result.body as { id: string; protocol: { number: string } };
    const find = await counted(() => t.http().get(`/api/v1/tasks?office=anagrafe&q=${c.protocol.number}`).set('Authorization', operator).expect(200));
    const task = (find.result.body as { items: Array<{ id: string; caseId: string }> }).items.find((i) => i.caseId === c.id)!;
    const claim = await counted(() => t.http().post(`/api/v1/tasks/${task.id}/claim`).set('Authorization', operator).expect(200));
    const complete = await counted(() => t.http().post(`/api/v1/tasks/${task.id}/complete`).set('Authorization', operator).send({ data: DECISION }).expect(200));
    const read = await counted(() => t.http().get(`/api/v1/cases/${c.id}`).set('Authorization', citizen).expect(200));
    expect(read.result.body).toMatchObject({ status: 'accettata', protocol: { number: c.protocol.number } });
    return { file: file.sql, find: find.sql, claim: claim.sql, complete: complete.sql, read: read.sql };
  }

  it('given a warm app, when a certificate is filed, found, claimed, decided and read, then each step stays within its statement budget', async () => {
    await lifecycle(0); // warm-up: catalogue cache, prepared statements, key material
    const steps = await lifecycle(1);
    const counts = Object.fromEntries(Object.entries(steps).map(([step, sql]) => [step, sql.length])) as Record<Step, number>;
    const over = (Object.keys(BUDGET) as Step[]).filter((s) => counts[s] > BUDGET[s]);
    // On failure, the statements of the steps over budget say what was added.
    expect({ counts, over: Object.fromEntries(over.map((s) => [s, steps[s].map((q) => q.replace(/\s+/g, ' ').slice(0, 120))])) }).toEqual({ counts: expect.any(Object), over: {} });
    expect(counts.file + counts.find + counts.claim + counts.complete + counts.read).toBeLessThanOrEqual(59);
  });
});
