import { AppConfig } from '../../../src/config';
import { MIGRATIONS } from '../../../src/database/migrations';
import { MAIL_TRANSPORT, MailTransport } from '../../../src/modules/notifications';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { anEmail, NotificationsTestApp, seconds, startNotificationsApp } from './notifications-test-app';
import { SmtpPeer } from '../../support/smtp-peer';

describe(`citizen e-mail outbox on ${databaseLabel()}`, () => {
  const peer = new SmtpPeer();
  let config: AppConfig;
  let t: NotificationsTestApp;

  beforeAll(async () => {
    await peer.start();
    config = testConfig({
      SMTP_URL: peer.url,
      NOTIFICATIONS_ENABLED: 'false',
      NOTIFICATIONS_BACKOFF_MS: '1000',
      NOTIFICATIONS_MAX_ATTEMPTS: '3',
    });
    t = await startNotificationsApp(config);
  });
  afterAll(async () => {
    await t.app.close();
    await peer.stop();
    await dropTestSchema(config);
  });
  beforeEach(async () => {
    peer.received.length = 0;
    peer.refusedRecipients.clear();
    if (!peer.running) await peer.start();
  });

  const outboxCount = async (dedupeKey: string): Promise<number> =>
    (await t.ds.query('select count(*)::int as n from notification_outbox where dedupe_key = $1', [dedupeKey]))[0].n;

  it('given an e-mail enqueued in a transaction that rolls back, when the dispatcher runs, then nothing is sent', async () => {
    // given
    const email = anEmail();
    await expect(
      t.tx.run(async () => {
        await t.notifications.enqueueEmail(email);
        throw new Error('the case change failed');
      }),
    ).rejects.toThrow('the case change failed');
    // when
    const report = await t.dispatcher.dispatchDue(new Date());
    // then
    expect(report).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await outboxCount(email.dedupeKey)).toBe(0);
    expect(peer.received).toEqual([]);
  });

  it('given an e-mail enqueued in a committed transaction, when the dispatcher runs, then exactly one Italian e-mail arrives with the variables in it', async () => {
    // given
    const email = anEmail({ to: 'giulia.bianchi@example.it' });
    const { outboxId, duplicate } = await t.tx.run(() => t.notifications.enqueueEmail(email));
    // when
    const first = await t.dispatcher.dispatchDue(new Date());
    const second = await t.dispatcher.dispatchDue(new Date());
    // then
    expect(duplicate).toBe(false);
    expect(first).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(second).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(peer.received).toHaveLength(1);
    const mail = peer.received[0];
    expect(mail.envelopeTo).toEqual(['giulia.bianchi@example.it']);
    expect(mail.from).toBe('"Comune di Esempio" <noreply@comune.example.it>');
    expect(mail.subject).toBe('Domanda inviata: Iscrizione al nido');
    expect(mail.messageId).toBe(`<${outboxId}@comune.example.it>`);
    expect(mail.autoSubmitted).toBe('auto-generated');
    expect(mail.text).toContain('Gentile Maria Rossi,');
    expect(mail.text).toContain('registrata al protocollo con il numero 0000042 del 2 marzo 2026');
    expect(mail.text).toContain('Il procedimento si concluderà entro il 1 aprile 2026');
    expect(mail.html).toContain('<strong>Iscrizione al nido</strong>');
    expect(mail.html).toContain('Servizi educativi e scolastici');
    const stored = await t.notifications.findEmail(email.dedupeKey);
    expect(stored).toMatchObject({ outboxId, status: 'sent', attempts: 1, lastError: null, template: 'inviata' });
    expect(stored?.sentAt).toBeInstanceOf(Date);
  });

  it('given the same dedupe key enqueued twice, when the dispatcher runs, then one e-mail is sent', async () => {
    // given
    const email = anEmail({ event: 'presa-in-carico' });
    const a = await t.tx.run(() => t.notifications.enqueueEmail(email));
    const b = await t.tx.run(async () => {
      const again = await t.notifications.enqueueEmail(email);
      await t.notifications.enqueueEmail(email);
      return again;
    });
    // when
    const report = await t.dispatcher.dispatchDue(new Date());
    // then
    expect(b).toEqual({ outboxId: a.outboxId, duplicate: true });
    expect(report.sent).toBe(1);
    expect(await outboxCount(email.dedupeKey)).toBe(1);
    expect(peer.received.map((m) => m.subject)).toEqual(['Pratica presa in carico: Iscrizione al nido']);
  });

  it('given the SMTP relay is down, when the dispatcher runs, then it retries with exponential backoff and sends once the relay is back', async () => {
    // given
    const email = anEmail({ event: 'in-lavorazione' });
    const { outboxId } = await t.tx.run(() => t.notifications.enqueueEmail(email));
    await peer.stop();
    const now = new Date();
    // when
    const down1 = await t.dispatcher.dispatchDue(now);
    const afterFirst = await t.notifications.findEmail(email.dedupeKey);
    const notYetDue = await t.dispatcher.dispatchDue(seconds(now, 0.5));
    const down2 = await t.dispatcher.dispatchDue(seconds(now, 1));
    const afterSecond = await t.notifications.findEmail(email.dedupeKey);
    await peer.start();
    const stillWaiting = await t.dispatcher.dispatchDue(seconds(now, 2.5));
    const back = await t.dispatcher.dispatchDue(seconds(now, 3));
    // then
    expect(down1).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: seconds(now, 1) });
    expect(afterFirst?.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(notYetDue).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(down2).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(afterSecond).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: seconds(now, 3) });
    expect(stillWaiting).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(back).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(peer.received.map((m) => m.messageId)).toEqual([`<${outboxId}@comune.example.it>`]);
    expect(await t.notifications.findEmail(email.dedupeKey)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
  });

  it('given the relay stays down, when the attempts run out, then the e-mail is marked failed and never sent later', async () => {
    // given
    const email = anEmail({ event: 'sospesa' });
    await t.tx.run(() => t.notifications.enqueueEmail(email));
    await peer.stop();
    const now = new Date();
    // when
    const reports = [
      await t.dispatcher.dispatchDue(now),
      await t.dispatcher.dispatchDue(seconds(now, 1)),
      await t.dispatcher.dispatchDue(seconds(now, 3)),
    ];
    await peer.start();
    const later = await t.dispatcher.dispatchDue(seconds(now, 3600));
    // then
    expect(reports.map((r) => [r.retried, r.failed])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    expect(later).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(peer.received).toEqual([]);
    expect(await t.notifications.findEmail(email.dedupeKey)).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('given a recipient the relay refuses for good, when the dispatcher runs, then the e-mail fails at once without retries', async () => {
    // given
    peer.refusedRecipients.add('non.esiste@example.it');
    const email = anEmail({ to: 'non.esiste@example.it', event: 'conclusa' });
    await t.tx.run(() => t.notifications.enqueueEmail(email));
    // when
    const report = await t.dispatcher.dispatchDue(new Date());
    // then
    expect(report).toEqual({ sent: 0, retried: 0, failed: 1 });
    const stored = await t.notifications.findEmail(email.dedupeKey);
    expect(stored).toMatchObject({ status: 'failed', attempts: 1 });
    expect(stored?.lastError).toContain('550');
  });

  it('given a procedure with its own accettata templates, when its e-mail is sent, then the override is what arrives', async () => {
    // given
    const email = anEmail({
      event: 'accettata',
      procedureKey: 'certificato-residenza',
      variables: { citizenName: 'Mario Verdi', procedureTitle: 'Certificato di residenza', protocolNumber: '0000077' },
    });
    await t.tx.run(() => t.notifications.enqueueEmail(email));
    // when
    await t.dispatcher.dispatchDue(new Date());
    // then
    expect(peer.received).toHaveLength(1);
    expect(peer.received[0].subject).toBe('Il suo certificato di residenza è pronto');
    expect(peer.received[0].text).toContain('Gentile Mario Verdi,');
    expect(peer.received[0].text).toContain('validità di sei mesi');
    expect(peer.received[0].text).toContain('Protocollo: n. 0000077');
    expect((await t.notifications.findEmail(email.dedupeKey))?.template).toBe('certificato-residenza/accettata');
  });

  it('given a dispatcher that sent an e-mail and died before recording it, when its lease runs out, then the e-mail is sent again with the same Message-ID', async () => {
    // given: the dead process claimed the row with a lease and sent it, nothing more
    const email = anEmail({ event: 'rifiutata' });
    const { outboxId } = await t.tx.run(() => t.notifications.enqueueEmail(email));
    const now = new Date();
    // (rendering at its first attempt, storing what it rendered, as the dispatcher does)
    const [[claimed]] = await t.ds.query(
      `update notification_outbox set attempts = attempts + 1, locked_until = $2,
              template = 'rifiutata', subject = 'Esito della domanda (resa al primo tentativo)', body_html = '<p>x</p>', body_text = 'x'
        where id = $1 returning recipient, subject, body_html, body_text, message_id`,
      [outboxId, seconds(now, 120)],
    );
    const transport = t.app.get<MailTransport>(MAIL_TRANSPORT);
    await transport.send({
      to: claimed.recipient,
      subject: claimed.subject,
      html: claimed.body_html,
      text: claimed.body_text,
      messageId: claimed.message_id,
    });
    // when
    const duringLease = await t.dispatcher.dispatchDue(seconds(now, 60));
    const afterLease = await t.dispatcher.dispatchDue(seconds(now, 121));
    // then
    expect(duringLease).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(afterLease).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(peer.received.map((m) => m.messageId)).toEqual([`<${outboxId}@comune.example.it>`, `<${outboxId}@comune.example.it>`]);
    expect(peer.received[1].subject).toBe(peer.received[0].subject);
    expect(peer.received[1].subject).toBe('Esito della domanda (resa al primo tentativo)');
    expect(await t.notifications.findEmail(email.dedupeKey)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('given an e-mail queued with a reference only, when it is sent, then it is rendered with the data the resolver gives at send time', async () => {
    // given: queued while the case has no protocol number yet
    const current: Record<string, string> = { procedureTitle: 'Iscrizione al nido', citizenName: 'Maria Rossi' };
    const asked: unknown[] = [];
    t.notifications.resolveVariablesWith(async (ref) => (asked.push(ref), { ...current }));
    try {
      const { variables: _none, ...reference } = anEmail({ caseId: 'case-ref-1' });
      await t.tx.run(() => t.notifications.enqueueEmail({ ...reference, item: 'item-7' }));
      const queued = await t.notifications.findEmail(reference.dedupeKey);
      // when: the number arrives (at commit of the filing), then the dispatcher runs
      current.protocolNumber = '0000123';
      await t.dispatcher.dispatchDue(new Date());
      // then
      expect(queued).toMatchObject({ status: 'pending', subject: null, template: null });
      expect(asked).toEqual([{ caseId: 'case-ref-1', event: 'inviata', item: 'item-7' }]);
      expect(peer.received).toHaveLength(1);
      expect(peer.received[0].text).toContain('registrata al protocollo con il numero 0000123');
      expect(await t.notifications.findEmail(reference.dedupeKey)).toMatchObject({ status: 'sent', subject: 'Domanda inviata: Iscrizione al nido', template: 'inviata' });
    } finally {
      t.notifications.resolveVariablesWith(async () => ({}));
    }
  });

  it('given an e-mail whose variables cannot compose it at send time, when the dispatcher runs, then it is failed at once, naming the problem', async () => {
    // given: no procedure title, neither queued nor resolved
    const { variables: _none, ...reference } = anEmail();
    await t.tx.run(() => t.notifications.enqueueEmail(reference));
    // when
    const report = await t.dispatcher.dispatchDue(new Date());
    // then
    expect(report).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(peer.received).toEqual([]);
    const stored = await t.notifications.findEmail(reference.dedupeKey);
    expect(stored).toMatchObject({ status: 'failed', attempts: 1, subject: null });
    expect(stored?.lastError).toContain('render');
  });

  it('given invalid input, when enqueued inside a transaction, then it is refused naming the field and nothing is written', async () => {
    // given
    const email = anEmail({ to: 'non-un-indirizzo' });
    // when
    const attempt = t.tx.run(() => t.notifications.enqueueEmail(email));
    // then
    await expect(attempt).rejects.toMatchObject({
      code: 'NOTIFICATIONS_INVALID_EMAIL',
      details: { fieldErrors: [{ field: 'to', message: 'indirizzo e-mail non valido' }] },
    });
    expect(await outboxCount(email.dedupeKey)).toBe(0);
  });

  it('given the applied migration, when reverted and applied again, then the outbox table goes and comes back', async () => {
    // given
    const Migration = MIGRATIONS.find((m) => m.name === 'Notifications1763900000300');
    if (!Migration) throw new Error('Notifications1763900000300 is not listed in MIGRATIONS');
    const qr = t.ds.createQueryRunner();
    const exists = async (): Promise<boolean> =>
      (await qr.query(`select to_regclass('notification_outbox') is not null as present`))[0].present;
    try {
      // when
      await new Migration().down(qr);
      const afterDown = await exists();
      await new Migration().up(qr);
      // then
      expect(afterDown).toBe(false);
      expect(await exists()).toBe(true);
    } finally {
      await qr.release();
    }
  });
});
