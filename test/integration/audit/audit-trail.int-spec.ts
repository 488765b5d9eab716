import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig, ConfigModule } from '../../../src/config';
import { DatabaseModule, Transactions } from '../../../src/database';
import { AuditModule, AuditRecord, AuditService, auditHash, describeVerdict, verifyAuditTrail } from '../../../src/modules/audit';
import { databaseLabel, dropTestSchema, onPostgres, testConfig } from '../../setup/test-database';

const record = (i: number, over: Partial<AuditRecord> = {}): AuditRecord => ({
  actor: { kind: 'operator', subject: 'luca.romano' },
  action: 'case.view',
  resource: { type: 'case', id: `case-${i}` },
  channel: 'api',
  address: '203.0.113.7',
  ...over,
});

describe(`audit trail on ${databaseLabel()}`, () => {
  let config: AppConfig;
  let ctx: INestApplicationContext;
  let audit: AuditService;
  let tx: Transactions;
  const sql = (q: string, p: unknown[] = []) => tx.manager().query(q, p) as Promise<Array<Record<string, unknown>>>;

  beforeAll(async () => {
    config = testConfig();
    const mod = await Test.createTestingModule({ imports: [ConfigModule.forConfig(config), DatabaseModule, AuditModule] }).compile();
    ctx = await mod.init();
    audit = ctx.get(AuditService);
    tx = ctx.get(Transactions);
  });
  afterAll(async () => {
    await ctx.close();
    await dropTestSchema(config);
  });

  it('given records appended concurrently, when the chain is verified, then it is linear, gapless and intact', async () => {
    // when
    await Promise.all(Array.from({ length: 12 }, (_, i) => audit.record(record(i))));
    // then
    const rows = await sql(`select seq, prev_hash, hash from audit_event order by seq`);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    rows.slice(1).forEach((r, i) => expect(r.prev_hash).toBe(rows[i].hash));
    expect(await audit.verify()).toEqual({ ok: true, rows: 12 });
  });

  it('given text JSON must escape, when recorded, then the hash the database computed is the one audit:verify recomputes', async () => {
    // given: quotes, backslashes, control characters, non-ASCII, U+2028, an emoji, no address
    const awkward = ['say "ciao"', 'C:\\dir\\file', 'line\nbreak\ttab\r\b\f', 'bell\u0007 unit\u001f del\u007f', 'perché è così', 'sep\u2028par\u2029', '\u{1F600}'];
    // when
    const entries = [];
    for (const [i, text] of awkward.entries()) {
      entries.push(await audit.record(record(200 + i, { actor: { kind: 'operator', subject: text }, resource: { type: 'case', id: text }, address: i % 2 ? null : text })));
    }
    // then
    for (const e of entries) expect(auditHash(e)).toBe(e.hash);
    const rows = await sql(`select actor_subject, address from audit_event where seq >= $1 order by seq`, [entries[0].seq]);
    expect(rows.map((r) => r.actor_subject)).toEqual(awkward);
    expect(rows[1].address).toBeNull();
    expect(await audit.verify()).toEqual({ ok: true, rows: entries[entries.length - 1].seq });
  });

  it('given records appended concurrently, when read in chain order, then their times never go backwards', async () => {
    // when
    await Promise.all(Array.from({ length: 8 }, (_, i) => audit.record(record(300 + i))));
    // then
    const rows = await sql(`select occurred_at from audit_event order by seq`);
    const times = rows.map((r) => new Date(r.occurred_at as string).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect((await audit.verify()).ok).toBe(true);
  });

  it('given a record inside a transaction that rolls back, when verified, then neither the row nor a number was used', async () => {
    // given
    const before = await audit.verify();
    // when
    await expect(tx.run(async () => {
      await audit.record(record(99));
      throw new Error('the action failed');
    })).rejects.toThrow('the action failed');
    const after = await audit.record(record(100));
    // then
    expect(after.seq).toBe((before as { rows: number }).rows + 1);
    expect((await audit.verify()).ok).toBe(true);
  });

  it.each([
    ['update', `update audit_event set actor_subject = 'someone.else' where seq = 2`],
    ['delete', `delete from audit_event where seq = 2`],
    ['truncate', `truncate audit_event`],
  ])('given the append-only trigger, when a row is changed by %s, then the database refuses', async (_what, statement) => {
    // when / then
    await expect(sql(statement)).rejects.toThrow(/append-only/);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('given the last row deleted by a superuser, when verified, then the missing row is named, and restoring it heals the chain', async () => {
    // given
    const [last] = await sql(`select * from audit_event order by seq desc limit 1`);
    await sql(`alter table audit_event disable trigger audit_event_no_update`);
    try {
      await sql(`delete from audit_event where seq = $1`, [last.seq]);
    } finally {
      await sql(`alter table audit_event enable trigger audit_event_no_update`);
    }
    // when
    const verdict = await audit.verify();
    // then
    expect(verdict).toMatchObject({ ok: false, brokenSeq: Number(last.seq), reason: 'sequence' });
    // and: the row put back as it was, the chain holds again
    const cols = Object.keys(last);
    await sql(`insert into audit_event (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, cols.map((c) => last[c]));
    expect((await audit.verify()).ok).toBe(true);
  });

  it('given a row tampered with by a superuser bypassing the trigger, when audit:verify runs, then it fails naming that row', async () => {
    // given
    await sql(`alter table audit_event disable trigger audit_event_no_update`);
    try {
      await sql(`update audit_event set actor_subject = 'someone.else' where seq = 5`);
    } finally {
      await sql(`alter table audit_event enable trigger audit_event_no_update`);
    }
    // when
    const verdict = await audit.verify();
    // then
    expect(verdict).toMatchObject({ ok: false, brokenSeq: 5, reason: 'hash' });
    expect(describeVerdict(verdict)).toBe('audit chain BROKEN at row seq=5: content does not match its hash');
    if (onPostgres()) {
      // the CLI's own path, on its own connection to the same schema
      const cli = await verifyAuditTrail({ ...config, MIGRATIONS_RUN: false });
      expect(describeVerdict(cli)).toMatch(/seq=5/);
    }
  });

  it('given a filter, when listing, then only the rows of that resource come back, newest first', async () => {
    // given
    await audit.record(record(7, { resource: { type: 'task', id: 'task-x' }, action: 'task.claim' }));
    // when
    const page = await audit.list({ resourceType: 'task', resourceId: 'task-x' }, { page: 1, pageSize: 10, offset: 0 });
    // then
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ action: 'task.claim', resourceType: 'task', resourceId: 'task-x', channel: 'api', address: '203.0.113.7' });
  });

  it('given a malformed record, when recorded, then it is refused naming the field', async () => {
    await expect(audit.record(record(1, { action: 'View Case' }))).rejects.toMatchObject({ code: 'AUDIT_INVALID_RECORD' });
    await expect(audit.record(record(1, { channel: 'fax' as never }))).rejects.toMatchObject({ details: { fieldErrors: [{ field: 'channel' }] } });
  });
});
