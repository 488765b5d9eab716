import { DEMO_ADMINS, DEMO_CITIZENS, DEMO_OPERATORS } from '../../../src/modules/identity';
import { aCertificatoResidenzaRequest } from '../../factories/case.factory';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';

interface FeedEvent {
  id: string;
  seq: number;
  type: string;
  caseId: string | null;
  taskId: string | null;
  offices: string[];
  data: Record<string, unknown>;
}

const mario = DEMO_CITIZENS[0];
const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!;
const otherOffice = DEMO_OPERATORS.find((o) => !o.offices.includes('anagrafe'))!;
const admin = DEMO_ADMINS[0];

describe(`the event feed over HTTP on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/events-keys' });
  let t: TestApp;
  const auth = async (p: Parameters<TestApp['token']>[0]) => `Bearer ${await t.token(p)}`;

  beforeAll(async () => {
    t = await startTestApp(config);
  });
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  /** What a vertical does after a restart: page from its stored cursor until a page comes back empty. */
  async function catchUp(after: string | undefined, limit: number): Promise<{ events: FeedEvent[]; cursor: string; pages: number }> {
    const events: FeedEvent[] = [];
    let cursor = after;
    for (let pages = 1; ; pages++) {
      const res = await t.http().get('/api/v1/events').query({ ...(cursor ? { after: cursor } : {}), limit }).set('Authorization', await auth(admin)).expect(200);
      events.push(...res.body.items);
      cursor = res.body.next;
      if (res.body.items.length === 0) return { events, cursor: cursor!, pages };
    }
  }

  async function fileAndAccept(): Promise<string> {
    const filed = await t.http().post('/api/v1/cases').set('Authorization', await auth(mario)).send({ procedureKey: 'certificato-residenza', data: aCertificatoResidenzaRequest() }).expect(201);
    const inbox = await t.http().get('/api/v1/tasks?office=anagrafe&pageSize=100').set('Authorization', await auth(luca)).expect(200);
    const task = inbox.body.items.find((i: { caseId: string }) => i.caseId === filed.body.id);
    await t
      .http()
      .post(`/api/v1/tasks/${task.id}/complete`)
      .set('Authorization', await auth(luca))
      .send({ data: { verificaAnpr: true, esito: 'accolta', motivazione: 'Residenza verificata in ANPR' } })
      .expect(200);
    return filed.body.id;
  }

  it('given a vertical that read the feed and went down, when cases are filed and decided meanwhile, then paging from its cursor returns every new event once, in order', async () => {
    // given: the vertical is up to date, then goes down
    const before = await catchUp(undefined, 3);
    // when: two cases are filed and accepted while it is down
    const first = await fileAndAccept();
    const second = await fileAndAccept();
    const after = await catchUp(before.cursor, 2);
    // then: each case's life, in order, with consecutive numbers and no repeats
    const seqs = after.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    expect(new Set(after.events.map((e) => e.id)).size).toBe(after.events.length);
    expect(after.pages).toBeGreaterThan(2);
    for (const caseId of [first, second]) {
      const own = after.events.filter((e) => e.caseId === caseId).map((e) => (e.type.startsWith('case.status') ? `${e.type}:${e.data.status}` : e.type));
      expect(own).toEqual([
        'case.filed',
        'case.status-changed:inviata',
        'task.created',
        // taken in charge by the office's first claim (here: completion without a claim), AgID criterion 9
        'case.status-changed:presa-in-carico',
        'task.completed',
        'case.status-changed:accettata',
      ]);
    }
    expect(after.events.filter((e) => e.caseId === first).every((e) => e.seq < after.events.find((x) => x.caseId === second)!.seq)).toBe(true);
    // and nothing new after that
    expect((await catchUp(after.cursor, 2)).events).toEqual([]);
  });

  it('given the events of a case, when read, then they carry ids, procedure, offices and statuses but no personal data', async () => {
    // when
    const { events } = await catchUp(undefined, 500);
    // then
    const text = JSON.stringify(events);
    expect(events.length).toBeGreaterThan(0);
    for (const personal of [mario.fiscalCode, mario.givenName, mario.familyName, 'mario.rossi@example.it', 'Residenza verificata']) expect(text).not.toContain(personal);
    expect(events.find((e) => e.type === 'task.created')).toMatchObject({ offices: ['anagrafe'], data: { elementId: expect.any(String) } });
  });

  it('given operators and citizens, when they read the feed, then an operator sees only their offices and a citizen is refused', async () => {
    // when
    const other = await t.http().get('/api/v1/events?limit=500').set('Authorization', await auth(otherOffice)).expect(200);
    const own = await t.http().get('/api/v1/events?limit=500').set('Authorization', await auth(luca)).expect(200);
    const citizen = await t.http().get('/api/v1/events').set('Authorization', await auth(mario)).expect(403);
    const bad = await t.http().get('/api/v1/events?after=xyz&types=case.deleted').set('Authorization', await auth(admin)).expect(400);
    // then
    expect(other.body.items.filter((e: FeedEvent) => e.offices.includes('anagrafe'))).toEqual([]);
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(citizen.body.code).toBe('IDENTITY_FORBIDDEN');
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.code).toBe('INTEGRATION_BAD_QUERY');
  });
});
