import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { rmSync, writeFileSync } from 'node:fs';
import { DEMO_ADMINS, DEMO_CITIZENS, DEMO_OPERATORS } from '../../src/modules/identity';
import { databaseLabel, dropTestSchema, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';
import { generateTypes, ResponseChecker, typeErrors } from '../support/generated-client';

const CLIENT_DIR = join(__dirname, 'generated-client');
const TYPES = join(CLIENT_DIR, 'sportello-api.d.ts');
const LIFECYCLE = join(CLIENT_DIR, 'lifecycle.ts');
/** The shape of generated-client/lifecycle.ts as this spec uses it; tsc checks that file itself, against the generated types. */
interface Lifecycle {
  runLifecycle(
    baseUrl: string,
    tokens: { admin: string; citizen: string; otherCitizen: string; operator: string },
    observe: { onResponse(o: { request: Request; schemaPath: string; response: Response }): Promise<void> },
  ): Promise<Record<'filed' | 'found' | 'claimed' | 'completed' | 'closed' | 'strangerProblem', Record<string, unknown>> & { conflictCode: string; events: string[] }>;
}

const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!;

describe(`a client generated from the OpenAPI document on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys' });
  let t: TestApp;
  let baseUrl: string;
  let document: Record<string, unknown>;

  beforeAll(async () => {
    t = await startTestApp(config);
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    document = (await t.http().get('/api/docs-json').expect(200)).body;
    await generateTypes(document, TYPES);
  });
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  it('given the generated types, when the client is compiled with tsc, then it typechecks, and a field the document lacks does not', () => {
    // when
    const errors = typeErrors([LIFECYCLE]);
    // then
    expect(errors).toEqual([]);
    // given: a client reading a field the document does not describe
    const drifted = join(CLIENT_DIR, 'drifted.tmp.ts');
    writeFileSync(drifted, `import type { components } from './sportello-api';\nexport const f = (c: components['schemas']['CaseDto']): string => c.citizenFiscalCode;\n`);
    try {
      // then: it does not compile
      expect(typeErrors([drifted]).join('\n')).toContain("Property 'citizenFiscalCode' does not exist");
    } finally {
      rmSync(drifted, { force: true });
    }
  });

  it('given the typed client, when a citizen files, the office finds, claims and completes, then the citizen reads the closed case, every answer as documented', async () => {
    // given
    // required by path, not imported: the project typecheck must not need the generated file
    const { runLifecycle } = require(LIFECYCLE) as Lifecycle;
    const checker = new ResponseChecker(document);
    const tokens = { admin: await t.token(DEMO_ADMINS[0]), citizen: await t.token(DEMO_CITIZENS[0]), otherCitizen: await t.token(DEMO_CITIZENS[1]), operator: await t.token(luca) };
    // when
    const r = await runLifecycle(baseUrl, tokens, {
      onResponse: async ({ request, schemaPath, response }) => {
        await checker.check(request.method, schemaPath, response);
      },
    });
    // then
    // filed, not yet taken in charge: the office's first claim does that (AgID criterion 9)
    expect(r.filed).toMatchObject({ procedure: { key: 'certificato-residenza' }, office: 'anagrafe', status: 'inviata', takenInChargeAt: null });
    expect(r.found.caseId).toBe(r.filed.id);
    expect(r.claimed.assignee).toBe('luca.romano');
    expect(r.completed.status).toBe('completed');
    expect(r.closed).toMatchObject({ id: r.filed.id, status: 'accettata', outcome: 'accettata' });
    expect(r.closed.closedAt).not.toBeNull();
    expect(r.conflictCode).toBe('TASK_CLOSED');
    expect(r.strangerProblem).toMatchObject({ status: 404, code: 'CASE_NOT_FOUND' });
    expect(r.events).toEqual([
      'case.filed',
      'case.status-changed:inviata',
      'task.created',
      'case.status-changed:presa-in-carico',
      'task.completed',
      'case.status-changed:accettata',
    ]);
    expect(checker.problems).toEqual([]);
    expect(checker.seen).toEqual([
      'POST /api/v1/cases 201',
      'GET /api/v1/tasks 200',
      'POST /api/v1/tasks/{id}/claim 200',
      'POST /api/v1/tasks/{id}/complete 200',
      'POST /api/v1/tasks/{id}/complete 409',
      'GET /api/v1/cases/{id} 200',
      'GET /api/v1/cases/{id} 404',
      'GET /api/v1/events 200',
      'GET /api/v1/events 200',
    ]);
  });
});
