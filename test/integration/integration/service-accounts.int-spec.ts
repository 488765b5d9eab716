import { DataSource } from 'typeorm';
import { DEMO_ADMINS, DEMO_CITIZENS, DEMO_OPERATORS } from '../../../src/modules/identity';
import { aCertificatoResidenzaRequest } from '../../factories/case.factory';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';

const ADMIN_API_TOKEN = 'static-admin-token-for-tests-0123456789';
const mario = DEMO_CITIZENS[0];
const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!;

describe(`service accounts and API keys on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/service-keys', ADMIN_API_TOKEN });
  let t: TestApp;
  const auth = async (p: Parameters<TestApp['token']>[0]) => `Bearer ${await t.token(p)}`;
  const admin = async () => auth(DEMO_ADMINS[0]);

  beforeAll(async () => {
    t = await startTestApp(config);
  });
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  async function account(body: Record<string, unknown>): Promise<{ id: string; key: string; keyId: string }> {
    const created = await t.http().post('/api/v1/admin/service-accounts').set('Authorization', await admin()).send(body).expect(201);
    const issued = await t.http().post(`/api/v1/admin/service-accounts/${created.body.id}/keys`).set('Authorization', await admin()).expect(201);
    return { id: created.body.id, key: issued.body.key, keyId: issued.body.id };
  }

  async function file(procedureKey = 'certificato-residenza', data: Record<string, unknown> = aCertificatoResidenzaRequest()): Promise<string> {
    return (await t.http().post('/api/v1/cases').set('Authorization', await auth(mario)).send({ procedureKey, data }).expect(201)).body.id;
  }

  it('given a key issued to a vertical, when the account is read back, then the key is not shown and only its hash is stored', async () => {
    // given
    const a = await account({ name: 'anagrafe-gestionale', scopes: ['cases:read'], offices: ['anagrafe'] });
    // when
    const read = await t.http().get(`/api/v1/admin/service-accounts/${a.id}`).set('Authorization', `Bearer ${ADMIN_API_TOKEN}`).expect(200);
    // then
    expect(a.key).toMatch(/^sk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(read.body)).not.toContain(a.key.slice(20));
    expect(read.body.keys).toEqual([expect.objectContaining({ id: a.keyId, prefix: a.key.slice(0, 19), revokedAt: null })]);
    const stored = await t.app.get(DataSource).query(`select * from service_account_key where id = $1`, [a.keyId]);
    expect(JSON.stringify(stored)).not.toContain(a.key.slice(20));
  });

  it('given scopes on anagrafe and certificato-residenza, when the vertical reads cases, the inbox and events and completes a task, then it reaches exactly that', async () => {
    // given
    const a = await account({ name: 'anagrafe-certificati', scopes: ['cases:read', 'tasks:complete', 'events:read'], offices: ['anagrafe'], procedures: ['certificato-residenza'] });
    const key = `Bearer ${a.key}`;
    const own = await file();
    // when / then: its case
    const read = await t.http().get(`/api/v1/cases/${own}`).set('Authorization', key).expect(200);
    expect(read.body).toMatchObject({ id: own, office: 'anagrafe' });
    // for accounts of another procedure or office, the case is not there
    const otherProcedure = await account({ name: 'altro-procedimento', scopes: ['cases:read'], offices: ['anagrafe'], procedures: ['cambio-residenza'] });
    await t.http().get(`/api/v1/cases/${own}`).set('Authorization', `Bearer ${otherProcedure.key}`).expect(404);
    const otherOffice = await account({ name: 'altro-ufficio', scopes: ['cases:read'], offices: ['servizi-educativi'] });
    await t.http().get(`/api/v1/cases/${own}`).set('Authorization', `Bearer ${otherOffice.key}`).expect(404);
    // the task of its office, found in the inbox and completed
    const inbox = await t.http().get('/api/v1/tasks?procedure=certificato-residenza&pageSize=100').set('Authorization', key).expect(200);
    const task = inbox.body.items.find((i: { caseId: string }) => i.caseId === own);
    const done = await t
      .http()
      .post(`/api/v1/tasks/${task.id}/complete`)
      .set('Authorization', key)
      .send({ data: { verificaAnpr: true, esito: 'accolta', motivazione: 'Verificata dal gestionale anagrafe' } })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'completed', assignee: 'service:anagrafe-certificati' });
    // events of its office and procedure only
    const events = await t.http().get('/api/v1/events?limit=500').set('Authorization', key).expect(200);
    expect(events.body.items.length).toBeGreaterThan(0);
    for (const e of events.body.items) expect(e).toMatchObject({ offices: expect.arrayContaining(['anagrafe']), procedureKey: 'certificato-residenza' });
    // and nothing an admin or operator route offers beyond that
    await t.http().get('/api/v1/admin/service-accounts').set('Authorization', key).expect(403);
    await t.http().get('/api/v1/cases').set('Authorization', key).expect(403);
  });

  it('given an account without tasks:complete or events:read, when it tries them, then 403', async () => {
    // given
    const a = await account({ name: 'solo-lettura', scopes: ['cases:read'], offices: ['anagrafe'] });
    const own = await file();
    const inbox = await t.http().get('/api/v1/tasks?pageSize=100').set('Authorization', await auth(luca)).expect(200);
    const task = inbox.body.items.find((i: { caseId: string }) => i.caseId === own);
    // when / then
    const refused = await t.http().post(`/api/v1/tasks/${task.id}/complete`).set('Authorization', `Bearer ${a.key}`).send({ data: {} }).expect(403);
    expect(refused.body.code).toBe('IDENTITY_FORBIDDEN');
    await t.http().get('/api/v1/events').set('Authorization', `Bearer ${a.key}`).expect(403);
    await t.http().get(`/api/v1/cases/${own}`).set('Authorization', `Bearer ${a.key}`).expect(200);
  });

  it('given a key being rotated, when a second key is issued and the first revoked, then both work until the revocation, a third is refused, and the revoked one answers 401 at once', async () => {
    // given
    const a = await account({ name: 'rotazione', scopes: ['events:read'], offices: ['anagrafe'] });
    const second = await t.http().post(`/api/v1/admin/service-accounts/${a.id}/keys`).set('Authorization', await admin()).expect(201);
    // when / then: both live
    await t.http().get('/api/v1/events').set('Authorization', `Bearer ${a.key}`).expect(200);
    await t.http().get('/api/v1/events').set('Authorization', `Bearer ${second.body.key}`).expect(200);
    const third = await t.http().post(`/api/v1/admin/service-accounts/${a.id}/keys`).set('Authorization', await admin()).expect(409);
    expect(third.body.code).toBe('SERVICE_ACCOUNT_TOO_MANY_KEYS');
    // revoke the first: refused on the very next call
    const revoked = await t.http().post(`/api/v1/admin/service-accounts/${a.id}/keys/${a.keyId}/revoke`).set('Authorization', await admin()).expect(200);
    expect(revoked.body.revokedBy).toBe('admin');
    const refused = await t.http().get('/api/v1/events').set('Authorization', `Bearer ${a.key}`).expect(401);
    expect(refused.body.code).toBe('IDENTITY_UNAUTHENTICATED');
    await t.http().get('/api/v1/events').set('Authorization', `Bearer ${second.body.key}`).expect(200);
    // a tampered or unknown key too
    // (its last character changed for another: a fixed replacement would leave a key already ending in it intact)
    const key: string = second.body.key;
    const tampered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    await t.http().get('/api/v1/events').set('Authorization', `Bearer ${tampered}`).expect(401);
    await t.http().get('/api/v1/events').set('Authorization', 'Bearer sk_nonesiste').expect(401);
    // and a new key can now be issued
    await t.http().post(`/api/v1/admin/service-accounts/${a.id}/keys`).set('Authorization', await admin()).expect(201);
  });

  it('given calls made with a key, when the admin reads the account calls, then each is recorded with method, path and status', async () => {
    // given
    const a = await account({ name: 'registrata', scopes: ['events:read'], offices: ['anagrafe'] });
    await t.http().get('/api/v1/events?limit=1').set('Authorization', `Bearer ${a.key}`).expect(200);
    await t.http().get('/api/v1/cases/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${a.key}`).expect(403);
    // when: the record is written once the response is sent
    let calls: Array<{ method: string; path: string; status: number; keyId: string }> = [];
    for (let i = 0; i < 50 && calls.length < 2; i++) {
      calls = (await t.http().get(`/api/v1/admin/service-accounts/${a.id}/calls`).set('Authorization', await admin()).expect(200)).body.items;
      if (calls.length < 2) await new Promise((r) => setTimeout(r, 20));
    }
    // then
    expect(calls).toEqual([
      expect.objectContaining({ method: 'GET', path: '/api/v1/cases/00000000-0000-4000-8000-000000000000', status: 403, keyId: a.keyId }),
      expect.objectContaining({ method: 'GET', path: '/api/v1/events', status: 200, keyId: a.keyId }),
    ]);
    // and each call is in the platform audit trail, as the account, over the API, with the caller's address
    const audited = await t
      .app.get(DataSource)
      .query(`select actor_kind, actor_subject, resource_type, resource_id, channel, address from audit_event where action = 'api.call' and actor_subject = $1 order by seq`, ['service:registrata']);
    expect(audited).toEqual([
      { actor_kind: 'service', actor_subject: 'service:registrata', resource_type: 'endpoint', resource_id: 'GET /api/v1/events', channel: 'api', address: expect.any(String) },
      {
        actor_kind: 'service',
        actor_subject: 'service:registrata',
        resource_type: 'endpoint',
        resource_id: 'GET /api/v1/cases/00000000-0000-4000-8000-000000000000',
        channel: 'api',
        address: expect.any(String),
      },
    ]);
  });

  it('given bad account data, when created, then 400 names each field, and a taken name is a 409', async () => {
    // when
    const bad = await t.http().post('/api/v1/admin/service-accounts').set('Authorization', await admin()).send({ name: 'X', scopes: ['cases:write'], offices: [] }).expect(400);
    await account({ name: 'doppio', scopes: ['events:read'], offices: ['anagrafe'] });
    const taken = await t.http().post('/api/v1/admin/service-accounts').set('Authorization', await admin()).send({ name: 'doppio', scopes: ['events:read'], offices: ['anagrafe'] }).expect(409);
    // then
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'offices', 'scopes.0']);
    expect(taken.body.code).toBe('SERVICE_ACCOUNT_NAME_TAKEN');
  });
});
