import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { join } from 'node:path';
import { AuditService } from '../../src/modules/audit';
import { CasesService } from '../../src/modules/cases';
import { DEMO_CITIZENS, DEMO_OPERATORS, Principal } from '../../src/modules/identity';
import { aCertificatoResidenzaRequest } from '../factories/case.factory';
import { databaseLabel, dropTestSchema, onPostgres, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';

const mario = DEMO_CITIZENS[0];
const anna = DEMO_OPERATORS.find((o) => o.userId === 'anna.esposito')!; // head of anagrafe
const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!; // anagrafe
const sara = DEMO_OPERATORS.find((o) => o.userId === 'sara.colombo')!; // servizi-educativi
const DATA_DIR = '.test-data/e2e-issue-9';

/** Regression tests for every finding of the probe of the running API reported in issue 9. */
describe(`issue 9 probe findings on ${databaseLabel()}`, () => {
  let config: ReturnType<typeof testConfig>;
  let t: TestApp;
  let caseId: string;
  let caseCode: string;
  let taskId: string;
  const auth = async (p: Principal) => ({ Authorization: `Bearer ${await t.token(p)}` });

  /** A token signed with the dev key, with claims our own issuer would refuse to put in (what a probe forges). */
  async function forged(claims: Record<string, unknown>): Promise<string> {
    const jose = await import('jose');
    const key = await jose.importPKCS8(readFileSync(join(DATA_DIR, 'keys', 'dev-token-signing.key.pem'), 'utf8'), 'ES256');
    return new jose.SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(config.AUTH_ISSUER)
      .setAudience(config.AUTH_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
  }

  beforeAll(async () => {
    config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR, NOTIFICATIONS_ENABLED: 'false' });
    t = await startTestApp(config);
    const filed = await t.http().post('/api/v1/cases').set(await auth(mario)).send({ procedureKey: 'certificato-residenza', data: aCertificatoResidenzaRequest() }).expect(201);
    caseId = filed.body.id;
    caseCode = filed.body.code;
    const inbox = await t.http().get('/api/v1/tasks?office=anagrafe').set(await auth(luca)).expect(200);
    taskId = inbox.body.items.find((i: { caseId: string }) => i.caseId === caseId).id;
  });
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  describe('an operator token whose office is "citizen" or not in offices.json', () => {
    it.each([
      ['the reserved "citizen" queue', { sub: 'luca.romano', kind: 'operator', name: 'Luca', offices: ['citizen'], head_of: ['citizen'] }],
      ['an office not in offices.json, for a user who does not exist', { sub: 'probe', kind: 'operator', name: 'Probe', offices: ['ragioneria'], head_of: [] }],
    ])('given %s, when calling the inbox and a task, then the token is refused (401)', async (_what, claims) => {
      // given
      const token = await forged(claims);
      // when
      const inbox = await t.http().get('/api/v1/tasks').set('Authorization', `Bearer ${token}`);
      const task = await t.http().get(`/api/v1/tasks/${taskId}`).set('Authorization', `Bearer ${token}`);
      // then
      expect([inbox.status, task.status]).toEqual([401, 401]);
    });

    it('given a real operator whose token claims another office, when reading that office queue, then the memberships decide', async () => {
      // given
      const token = await forged({ sub: 'sara.colombo', kind: 'operator', name: 'Sara', offices: ['anagrafe', 'servizi-educativi'], head_of: ['anagrafe'] });
      // when
      const res = await t.http().get(`/api/v1/tasks/${taskId}`).set('Authorization', `Bearer ${token}`);
      // then
      expect(res.status).toBe(404);
    });
  });

  describe('an office head assigning a task', () => {
    it.each([
      ['a 200 KB string', 'x'.repeat(200_000)],
      ['markup', '<script>alert(1)</script>'],
      ['a staff user of another office', sara.userId],
      ['a user who does not exist', 'nessuno'],
    ])('given %s as assignee, when assigning, then 400 naming the operator field', async (_what, operator) => {
      // when
      const res = await t.http().post(`/api/v1/tasks/${taskId}/assign`).set(await auth(anna)).send({ operator });
      // then
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['operator']);
    });

    it('given a staff user of the office, when assigning, then 200 and the assignment is audited', async () => {
      // when
      const res = await t.http().post(`/api/v1/tasks/${taskId}/assign`).set(await auth(anna)).send({ operator: luca.userId }).expect(200);
      // then
      expect(res.body.assignee).toBe('luca.romano');
      const audit = await t.app.get(AuditService).list({ resourceType: 'task', resourceId: taskId }, { page: 1, pageSize: 10, offset: 0 });
      expect(audit.items[0]).toMatchObject({ action: 'task.assign', actorKind: 'operator', actorSubject: 'anna.esposito', channel: 'api' });
    });
  });

  describe('input that answered 500', () => {
    const nul = '\u0000';
    it.each([
      ['a NUL byte in a filter', () => `/api/v1/tasks?q=a${encodeURIComponent(nul)}b`, 'q'],
      ['a NUL byte in the office filter', () => `/api/v1/tasks?office=${encodeURIComponent(nul)}`, 'office'],
      ['a NUL byte in a task path id', () => `/api/v1/tasks/${encodeURIComponent(nul)}`, 'id'],
      ['a repeated query parameter', () => '/api/v1/tasks?q=a&q=b', 'q'],
      ['an impossible due date', () => '/api/v1/tasks?dueBefore=2026-02-30', 'dueBefore'],
      ['a forged cursor with a bad date', () => `/api/v1/tasks?cursor=${Buffer.from(JSON.stringify({ k: '2026-13-45T99:00:00.000Z', id: 'x' })).toString('base64url')}`, 'cursor'],
      ['a forged cursor with a NUL id', () => `/api/v1/tasks?cursor=${Buffer.from(JSON.stringify({ k: '2026-01-01T00:00:00.000Z', id: nul })).toString('base64url')}`, 'cursor'],
    ])('given %s, when an operator reads the inbox, then 400 naming the field', async (_what, url, field) => {
      // when
      const res = await t.http().get(url()).set(await auth(luca));
      // then
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it.each([
      ['a 36-character non-uuid case id', '------------------------------------'],
      ['a NUL byte in the case id', encodeURIComponent(`${'a'.repeat(35)}\u0000`)],
    ])('given %s, when reading the case, then 400', async (_what, id) => {
      const res = await t.http().get(`/api/v1/cases/${id}`).set(await auth(luca));
      expect(res.status).toBe(400);
    });

    it.each([
      ['a NUL byte', 'Via Roma\u0000 1'],
      ['a lone surrogate', 'Via Roma \ud800'],
    ])('given %s in a form field, when filing, then 400 naming the field and nothing is filed', async (_what, value) => {
      // when
      const res = await t.http().post('/api/v1/cases').set(await auth(mario)).send({ procedureKey: 'certificato-residenza', data: aCertificatoResidenzaRequest({ note: value }) });
      // then
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['data.note']);
    });

    it.each([[1e20], [2 ** 31], [-1], [1.5], ['1']])('given version %p on claim, when claiming, then 400 naming version', async (version) => {
      const res = await t.http().post(`/api/v1/tasks/${taskId}/claim`).set(await auth(luca)).send({ version });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['version']);
    });
  });

  describe('the status lookup limit', () => {
    it('given 20 attempts from one IPv4 address, when the 21st comes, then 429 with Retry-After', async () => {
      // given: the limit counts per 10-minute window; start well inside one
      const WINDOW_MS = 10 * 60_000;
      const toNextWindow = WINDOW_MS - (Date.now() % WINDOW_MS);
      if (toNextWindow < 20_000) await new Promise((r) => setTimeout(r, toNextWindow + 100));
      for (let i = 0; i < 20; i++) await t.http().post('/api/v1/cases/status').send({ code: 'SP-XXXXX-XXXXX', fiscalCode: mario.fiscalCode }).expect(404);
      // when
      const res = await t.http().post('/api/v1/cases/status').send({ code: caseCode, fiscalCode: mario.fiscalCode });
      // then
      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers['retry-after']);
      expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 600).toBe(true);
    });

    it('given 20 attempts from different IPv6 addresses of one /64, when the 21st comes from yet another, then it is limited too', async () => {
      // given
      const cases = t.app.get(CasesService);
      const now = new Date(); // one instant, so all attempts fall in one window
      for (let i = 1; i <= 20; i++) await cases.lookup(caseCode, mario.fiscalCode, `2001:db8:9:9::${i.toString(16)}`, now).catch(() => undefined);
      // when / then
      await expect(cases.lookup(caseCode, mario.fiscalCode, '2001:db8:9:9:ffff::1', now)).rejects.toMatchObject({ code: 'CASE_LOOKUP_RATE_LIMITED' });
      // and another /64 is a bucket of its own
      await expect(cases.lookup(caseCode, mario.fiscalCode, '2001:db8:9:a::1', now)).resolves.toMatchObject({ code: caseCode });
    });
  });

  describe('a task id across offices', () => {
    it('given an operator of another office, when reading an existing and a missing task, then both answer 404 alike', async () => {
      // when
      const existing = await t.http().get(`/api/v1/tasks/${taskId}`).set(await auth(sara));
      const missing = await t.http().get('/api/v1/tasks/00000000-0000-4000-8000-000000000000').set(await auth(sara));
      // then
      expect([existing.status, missing.status]).toEqual([404, 404]);
      expect(existing.body.code).toBe(missing.body.code);
      expect(existing.body.detail).toBe(missing.body.detail);
    });
  });

  describe('views of personal data', () => {
    it('given an operator reading a case, when the audit is listed by an admin, then the view is there with who, channel and address', async () => {
      // when
      await t.http().get(`/api/v1/cases/${caseId}`).set(await auth(luca)).expect(200);
      const admin = { kind: 'admin', userId: 'admin', name: 'Amministratore di sistema' } as const;
      const page = await t.http().get(`/api/v1/admin/audit?resourceType=case&resourceId=${caseId}`).set(await auth(admin)).expect(200);
      const csv = await t.http().get(`/api/v1/admin/audit/export?resourceType=case&resourceId=${caseId}`).set(await auth(admin)).expect(200);
      // then
      expect(page.body.items.map((i: { action: string }) => i.action)).toEqual(['case.view', 'case.file']);
      expect(page.body.items[0]).toMatchObject({ actorKind: 'operator', actorSubject: 'luca.romano', channel: 'api', address: expect.stringMatching(/127\.0\.0\.1/) });
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.text.trim().split('\r\n')).toHaveLength(3);
    });
  });

  describe('npm run audit:verify', () => {
    // The CLI opens its own connection: on PGlite the test database lives in this process's memory only.
    (onPostgres() ? it : it.skip)('given an audit row tampered with by a superuser, when the built CLI runs, then it exits 1 naming the row', async () => {
      // given
      const run = () =>
        spawnSync(process.execPath, ['dist/modules/audit/cli/audit-verify.js'], {
          env: { ...process.env, DATABASE_URL: config.DATABASE_URL, DATABASE_SCHEMA: config.DATABASE_SCHEMA, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
          encoding: 'utf8',
        });
      const intact = run();
      const ds = t.app.get(DataSource);
      await ds.query(`alter table audit_event disable trigger audit_event_no_update`);
      await ds.query(`update audit_event set address = '198.51.100.1' where seq = 1`);
      await ds.query(`alter table audit_event enable trigger audit_event_no_update`);
      // when
      const tampered = run();
      // then
      expect([intact.status, intact.stdout]).toEqual([0, expect.stringMatching(/audit chain OK/)]);
      expect(tampered.status).toBe(1);
      expect(tampered.stderr).toMatch(/BROKEN at row seq=1/);
    });
  });
});
