import { AppConfig } from '../../../src/config';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { anEmail, NotificationsTestApp, startNotificationsApp } from './notifications-test-app';
import { SmtpPeer } from '../../support/smtp-peer';

describe(`notification delivery loop on ${databaseLabel()}`, () => {
  describe('with SMTP_URL set and notifications enabled', () => {
    const peer = new SmtpPeer();
    let config: AppConfig;
    let t: NotificationsTestApp;

    beforeAll(async () => {
      await peer.start();
      config = testConfig({ SMTP_URL: peer.url, NOTIFICATIONS_ENABLED: 'true', NOTIFICATIONS_POLL_MS: '100' });
      t = await startNotificationsApp(config);
    });
    afterAll(async () => {
      await t.app.close();
      await peer.stop();
      await dropTestSchema(config);
    });

    it('given a committed e-mail, when the app is left running, then the background loop sends it without being asked', async () => {
      // given
      const email = anEmail({ event: 'da-integrare', variables: { procedureTitle: 'Iscrizione al nido', replyBy: '2026-03-20' } });
      // when
      await t.tx.run(() => t.notifications.enqueueEmail(email));
      await peer.waitFor(1);
      // then
      expect(peer.received[0].subject).toBe('Servono integrazioni: Iscrizione al nido');
      expect(peer.received[0].text).toContain('Gentile cittadina, gentile cittadino,');
      expect(peer.received[0].text).toContain('entro il 20 marzo 2026');
    });
  });

  describe('without SMTP_URL', () => {
    let config: AppConfig;
    let t: NotificationsTestApp;

    beforeAll(async () => {
      config = testConfig({ NOTIFICATIONS_ENABLED: 'true', NOTIFICATIONS_POLL_MS: '100' });
      t = await startNotificationsApp(config);
    });
    afterAll(async () => {
      await t.app.close();
      await dropTestSchema(config);
    });

    it('given delivery is disabled, when an e-mail is enqueued and dispatch runs, then it stays pending in the outbox', async () => {
      // given
      const email = anEmail();
      await t.tx.run(() => t.notifications.enqueueEmail(email));
      // when
      const report = await t.dispatcher.dispatchDue(new Date(Date.now() + 86_400_000));
      // then
      expect(report).toEqual({ sent: 0, retried: 0, failed: 0 });
      expect(await t.notifications.findEmail(email.dedupeKey)).toMatchObject({ status: 'pending', attempts: 0 });
    });
  });
});
