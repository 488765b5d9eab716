import { Test } from '@nestjs/testing';
import type { SessionData } from 'express-session';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { ConfigModule } from '../../../src/config';
import { DatabaseModule, Transactions } from '../../../src/database';
import { DraftRetentionService } from '../../../src/modules/portal';
import { PgSessionStore } from '../../../src/modules/web';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';

const call = <T>(fn: (cb: (err?: unknown, value?: T) => void) => void): Promise<T | undefined> =>
  new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));

const sessionUntil = (expires: Date, extra: Partial<SessionData> = {}): SessionData =>
  ({ cookie: { originalMaxAge: 60_000, expires, httpOnly: true, path: '/' }, ...extra }) as unknown as SessionData;

describe(`portal sessions and drafts on ${databaseLabel()}`, () => {
  const config = testConfig();
  let close: () => Promise<void>;
  let ds: DataSource;
  let store: PgSessionStore;
  let retention: DraftRetentionService;

  beforeAll(async () => {
    const app = await (await Test.createTestingModule({ imports: [ConfigModule.forConfig(config), DatabaseModule] }).compile()).init();
    ds = app.get(DataSource);
    const tx = app.get(Transactions);
    store = new PgSessionStore(tx, 60_000);
    retention = new DraftRetentionService(tx, config, pino({ level: 'silent' }));
    close = () => app.close();
  });
  afterAll(async () => {
    await close();
    await dropTestSchema(config);
  });

  it('given a saved session, when it is read, touched and destroyed, then the store answers from web_session', async () => {
    // given
    const later = new Date(Date.now() + 3_600_000);
    await call((cb) => store.set('sid-1', sessionUntil(later, { csrfToken: 'tok', principal: { kind: 'citizen', fiscalCode: 'RSSMRA80A01H501U', givenName: 'Mario', familyName: 'Rossi' } }), cb));
    // when / then
    const read = await call<SessionData | null>((cb) => store.get('sid-1', cb));
    expect(read).toMatchObject({ csrfToken: 'tok', principal: { kind: 'citizen', fiscalCode: 'RSSMRA80A01H501U' } });
    const evenLater = new Date(Date.now() + 7_200_000);
    await call((cb) => store.touch('sid-1', sessionUntil(evenLater), cb));
    const [{ expires_at }] = await ds.query(`select expires_at from web_session where sid = 'sid-1'`);
    expect(new Date(expires_at).getTime()).toBe(evenLater.getTime());
    await call((cb) => store.destroy('sid-1', cb));
    expect(await call((cb) => store.get('sid-1', cb))).toBeNull();
  });

  it('given an expired session, when it is read or purged, then it is gone and live sessions stay', async () => {
    // given
    await call((cb) => store.set('old', sessionUntil(new Date(Date.now() - 1000), { csrfToken: 'x' }), cb));
    await call((cb) => store.set('live', sessionUntil(new Date(Date.now() + 60_000), { csrfToken: 'y' }), cb));
    // when / then
    expect(await call((cb) => store.get('old', cb))).toBeNull();
    expect(await store.purgeExpired()).toBe(1);
    const sids = (await ds.query('select sid from web_session order by sid')) as Array<{ sid: string }>;
    expect(sids.map((r) => r.sid)).toEqual(['live']);
  });

  it('given drafts older and younger than 12 months, when two retention runs race, then only the old ones are deleted, once', async () => {
    // given
    const now = new Date('2026-11-30T10:00:00Z');
    const insert = (id: string, updatedAt: string) =>
      ds.query(`insert into draft (id, citizen_fiscal_code, procedure_key, data, step, created_at, updated_at) values ($1, 'RSSMRA80A01H501U', $2, '{}', 0, $3, $3)`, [id, `p-${id.slice(-1)}`, updatedAt]);
    await insert('00000000-0000-4000-8000-000000000001', '2025-11-29T10:00:00Z');
    await insert('00000000-0000-4000-8000-000000000002', '2025-01-01T10:00:00Z');
    await insert('00000000-0000-4000-8000-000000000003', '2025-12-01T10:00:00Z');
    // when
    const [a, b] = await Promise.all([retention.purge(now), retention.purge(now)]);
    // then
    expect(a + b).toBe(2);
    const left = (await ds.query('select id from draft')) as Array<{ id: string }>;
    expect(left.map((r) => r.id)).toEqual(['00000000-0000-4000-8000-000000000003']);
  });
});
