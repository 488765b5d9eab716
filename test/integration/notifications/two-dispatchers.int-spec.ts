import { AppConfig } from '../../../src/config';
import { dropTestSchema, onPostgres, testConfig } from '../../setup/test-database';
import { anEmail, NotificationsTestApp, startNotificationsApp } from './notifications-test-app';
import { SmtpPeer } from '../../support/smtp-peer';

// Two app processes need two connections to one database: PostgreSQL only (PGlite has one).
const describeOnPostgres = onPostgres() ? describe : describe.skip;

describeOnPostgres('two dispatchers on one PostgreSQL database', () => {
  const peer = new SmtpPeer();
  let config: AppConfig;
  let a: NotificationsTestApp;
  let b: NotificationsTestApp;

  beforeAll(async () => {
    await peer.start();
    config = testConfig({ SMTP_URL: peer.url, NOTIFICATIONS_ENABLED: 'false' });
    a = await startNotificationsApp(config);
    b = await startNotificationsApp(config);
  });
  afterAll(async () => {
    await a.app.close();
    await b.app.close();
    await peer.stop();
    await dropTestSchema(config);
  });

  it('given many committed e-mails, when two dispatchers run at once, then each e-mail is sent exactly once', async () => {
    // given
    const emails = Array.from({ length: 35 }, () => anEmail());
    for (const email of emails) await a.tx.run(() => a.notifications.enqueueEmail(email));
    peer.delayMs = 15;
    // when
    const [ra, rb] = await Promise.all([a.dispatcher.dispatchDue(new Date()), b.dispatcher.dispatchDue(new Date())]);
    // then
    expect(ra.sent + rb.sent).toBe(35);
    expect(ra.sent).toBeGreaterThan(0);
    expect(rb.sent).toBeGreaterThan(0);
    const ids = peer.received.map((m) => m.messageId);
    expect(ids).toHaveLength(35);
    expect(new Set(ids).size).toBe(35);
    const rows: { status: string; attempts: number }[] = await a.ds.query('select status, attempts from notification_outbox');
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});
