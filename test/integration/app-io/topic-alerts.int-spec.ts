import { DataSource } from 'typeorm';
import { FakeAppIo } from '../../../src/modules/app-io';
import { DEMO_ADMINS } from '../../../src/modules/identity';
import { OutboxDispatcher } from '../../../src/modules/notifications';
import { IoTestApp, startIoTestApp } from '../../support/io-test-app';
import type { SmtpPeer } from '../../support/smtp-peer';
import { databaseLabel } from '../../setup/test-database';
import type { TestApp } from '../../setup/test-app';

const RATE = 200;
const SUBSCRIBERS = 1000;
const admin = DEMO_ADMINS[0];
const TEXT =
  "Domani, dalle 6 alle 24, allerta arancione per temporali sul territorio comunale. Evitate i sottopassi e le zone golenali, seguite gli aggiornamenti della protezione civile.";

/** `n`-th synthetic fiscal code (shape of a person's code: IO accepts it). */
const fiscalCode = (n: number): string => `RSSMRA80A01H${String(n).padStart(3, '0')}Z`.replace(/^(.{12})(\d{3})Z$/, (_, a: string, d: string) => `${a}${d}Z`);

describe(`topic alerts through the outbox on ${databaseLabel()}`, () => {
  let io: IoTestApp;
  let peer: SmtpPeer;
  let t: TestApp;
  let ds: DataSource;
  let dispatcher: OutboxDispatcher;
  let fake: FakeAppIo;
  let auth: string;

  beforeAll(async () => {
    io = await startIoTestApp({ ALERTS_RATE_PER_SECOND: String(RATE) });
    ({ t } = io);
    peer = io.smtp;
    ds = t.app.get(DataSource);
    dispatcher = t.app.get(OutboxDispatcher);
    fake = t.app.get(FakeAppIo);
    auth = `Bearer ${await t.token(admin)}`;
  });
  afterAll(async () => {
    await io?.stop();
  });

  it('given 1,000 subscribers of allerta-meteo, when an admin sends an alert, then every one gets it once (IO or e-mail), within the rate, with per-recipient status and counts', async () => {
    // given: 1,000 subscribers; even ones on IO, odd ones by e-mail; every 100th has no e-mail and is not on IO
    const codes = Array.from({ length: SUBSCRIBERS }, (_, i) => fiscalCode(i));
    const unreachable = codes.filter((_, i) => i % 100 === 99);
    await ds.query(
      `insert into alert_subscription (fiscal_code, topic, email)
       select c, 'allerta-meteo', case when (ord - 1) % 100 = 99 then null else lower(c) || '@example.it' end
         from unnest($1::text[]) with ordinality as u(c, ord)`,
      [codes],
    );
    await ds.query(`insert into dev_io_profile (fiscal_code) select c from unnest($1::text[]) with ordinality as u(c, ord) where (ord - 1) % 2 = 0`, [codes]);
    // when
    const sent = await t
      .http()
      .post('/api/v1/admin/alerts')
      .set('Authorization', auth)
      .send({ topic: 'allerta-meteo', subject: 'Allerta meteo arancione per domani', text: TEXT })
      .expect(201);
    expect(sent.body).toMatchObject({ topic: 'allerta-meteo', recipients: SUBSCRIBERS, delivery: { total: SUBSCRIBERS, unassigned: { queued: SUBSCRIBERS } } });
    const id = sent.body.id as string;
    // then: each pass (a new second) delivers at most RATE
    let now = new Date(Date.now() + 1000);
    let passes = 0;
    for (;;) {
      const report = await dispatcher.dispatchDue(now);
      const handled = report.sent + report.failed + report.retried;
      expect(handled).toBeLessThanOrEqual(RATE);
      if (handled === 0) break;
      passes++;
      now = new Date(now.getTime() + 1000);
    }
    expect(passes).toBe(SUBSCRIBERS / RATE);
    const status = await t.http().get(`/api/v1/admin/alerts/${id}`).set('Authorization', auth).expect(200);
    expect(status.body.delivery).toEqual({
      total: SUBSCRIBERS,
      io: { queued: 0, sent: SUBSCRIBERS / 2, failed: 0 },
      email: { queued: 0, sent: SUBSCRIBERS / 2 - unreachable.length, failed: 0 },
      unassigned: { queued: 0, sent: 0, failed: unreachable.length },
    });
    // every IO recipient has exactly one message, every e-mail recipient one e-mail
    const [{ n: ioMessages }] = await ds.query(`select count(*)::int as n from dev_io_message where subject = 'Allerta meteo arancione per domani'`);
    expect(ioMessages).toBe(SUBSCRIBERS / 2);
    expect(peer.received).toHaveLength(SUBSCRIBERS / 2 - unreachable.length);
    expect(new Set(peer.received.flatMap((m) => m.envelopeTo)).size).toBe(SUBSCRIBERS / 2 - unreachable.length);
    const inbox = await fake.inbox(codes[0]);
    expect(inbox[0].markdown).toContain('Allerta meteo');
    expect(inbox[0].markdown).toContain('/area-personale/preferenze');
    expect(peer.received[0].text).toContain('Evitate i sottopassi');
    // per-recipient status
    const failed = await t.http().get(`/api/v1/admin/alerts/${id}/recipients?status=failed`).set('Authorization', auth).expect(200);
    expect(failed.body.total).toBe(unreachable.length);
    expect(failed.body.items.map((r: { fiscalCode: string }) => r.fiscalCode)).toEqual([...unreachable].sort());
    expect(failed.body.items[0].lastError).toMatch(/no channel/);
    const first = await t.http().get(`/api/v1/admin/alerts/${id}/recipients?pageSize=2`).set('Authorization', auth).expect(200);
    expect(first.body.items[0]).toMatchObject({ fiscalCode: codes[0], channel: 'io', status: 'sent', attempts: 1 });
    expect(first.body.items[0].ioMessageId).toBe(inbox[0].id);
    // 1,000 deliveries over real HTTP and SMTP on one shared machine: slow, not timed (speed belongs in npm run bench).
  }, 900_000);

  it('given a topic nobody follows, when an admin sends an alert, then it is recorded for 0 recipients and the sending is in the audit trail', async () => {
    // when
    const sent = await t.http().post('/api/v1/admin/alerts').set('Authorization', auth).send({ topic: 'scuola', subject: 'Scuole chiuse lunedì 1 dicembre', text: TEXT }).expect(201);
    // then
    expect(sent.body).toMatchObject({ recipients: 0, delivery: { total: 0 } });
    const audit = await ds.query(`select action, resource_type, actor_subject, channel from audit_event where resource_id = $1`, [sent.body.id]);
    expect(audit).toEqual([{ action: 'alert.send', resource_type: 'alert', actor_subject: admin.userId, channel: 'api' }]);
  });

  it('given a bad alert, when sent, then 400 names each field', async () => {
    const res = await t.http().post('/api/v1/admin/alerts').set('Authorization', auth).send({ topic: 'non-esiste', subject: 'Breve', text: 'corto' }).expect(400);
    expect(res.body.code).toBe('ALERT_INVALID');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['subject', 'text', 'topic']);
  });

  it('given a citizen token, when sending an alert, then 403', async () => {
    const citizen = await t.token({ kind: 'citizen', fiscalCode: 'RSSMRA80A01H501U', givenName: 'Mario', familyName: 'Rossi' });
    await t.http().post('/api/v1/admin/alerts').set('Authorization', `Bearer ${citizen}`).send({}).expect(403);
  });
});
