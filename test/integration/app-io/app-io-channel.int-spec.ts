import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Transactions } from '../../../src/database';
import { AppIoHttpAdapter, AppIoRejectedError, FakeAppIo } from '../../../src/modules/app-io';
import { StoreIssuedUseCase } from '../../../src/modules/documents';
import { NotificationsInvalidEmailException, NotificationsService, OutboxDispatcher } from '../../../src/modules/notifications';
import { IoTestApp, startIoTestApp } from '../../support/io-test-app';
import type { SmtpPeer } from '../../support/smtp-peer';
import { databaseLabel } from '../../setup/test-database';
import type { TestApp } from '../../setup/test-app';
import { anEmail, seconds } from '../notifications/notifications-test-app';

const KEY = 'io-service-key-0123456789';
const MARIO = 'RSSMRA80A01H501U'; // seeded on IO, service allowed
const LAURA = 'BNCLRA90E45H501A';
const VERDI = 'VRDGPP80A01F205X'; // seeded off IO
const MARCO = 'RSSMRA85T10A56NH';
const BACKOFF_MS = 1000;

/**
 * The outbox's channel choice and IO delivery over real HTTP: the IO adapter calls the
 * development IO served by the same app on a real port (no mocked client), e-mail goes to a real SMTP peer.
 */
describe(`App IO notices over HTTP against /dev-io on ${databaseLabel()}`, () => {
  let io: IoTestApp;
  let peer: SmtpPeer;
  let t: TestApp;
  let notifications: NotificationsService;
  let dispatcher: OutboxDispatcher;
  let fake: FakeAppIo;
  let tx: Transactions;
  let ds: DataSource;
  let base: string;
  let now = new Date();

  /** A case of the anagrafe filed by `fiscalCode`, and a notice about it as the cases module queues one. */
  const enqueue = async (fiscalCode: string | null, overrides: Parameters<typeof anEmail>[0] = {}) => {
    const caseId = randomUUID();
    const to = overrides.to === undefined ? `${(fiscalCode ?? 'x').toLowerCase()}@example.it` : overrides.to;
    await ds.query(
      `insert into case_file (id, code, procedure_key, procedure_title, office, citizen_fiscal_code, citizen_name, citizen_email, status, data, submitted_at, legal_days, legal_deadline)
       values ($1, $2, 'certificato-residenza', 'Certificato di residenza', 'anagrafe', $3, 'Mario Rossi', $4, 'inviata', '{}', now(), 30, current_date + 30)`,
      [caseId, `CRS-${caseId.slice(0, 8)}`, fiscalCode ?? 'RSSMRA80A01H501U', to],
    );
    const email = anEmail({ caseId, event: 'presa-in-carico', procedureKey: 'certificato-residenza', variables: {}, fiscalCode, to, ...overrides });
    await tx.run(() => notifications.enqueueEmail(email));
    return email;
  };
  /** The dispatcher's clock: never behind the database's (rows are due from their insert time on). */
  const present = () => (now = new Date(Math.max(now.getTime(), Date.now())));
  const dispatch = async () => {
    present();
    const report = await dispatcher.dispatchDue(now);
    now = seconds(now, 3600);
    return report;
  };
  const mailsTo = (fc: string) => peer.received.filter((m) => m.envelopeTo.includes(`${fc.toLowerCase()}@example.it`));

  beforeAll(async () => {
    io = await startIoTestApp({
      NOTIFICATIONS_BACKOFF_MS: String(BACKOFF_MS),
      NOTIFICATIONS_MAX_ATTEMPTS: '5',
      APP_IO_API_KEY: KEY,
      APP_IO_TIMEOUT_MS: '1500',
      CATALOGUE_LOAD: 'true',
    });
    ({ t, base } = io);
    peer = io.smtp;
    notifications = t.app.get(NotificationsService);
    dispatcher = t.app.get(OutboxDispatcher);
    fake = t.app.get(FakeAppIo);
    tx = t.app.get(Transactions);
    ds = t.app.get(DataSource);
  });
  afterAll(async () => {
    await io?.stop();
  });

  it('given a citizen on IO who allows the service, when a notice is dispatched, then it is in their IO inbox once, with its IO id recorded, and no e-mail goes', async () => {
    // given
    const email = await enqueue(MARIO);
    // when
    const report = await dispatch();
    // then
    expect(report).toEqual({ sent: 1, retried: 0, failed: 0 });
    const inbox = await fake.inbox(MARIO);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].subject).toBe('Pratica presa in carico: Certificato di residenza');
    // the office by its name (not its key), the case code and the link to the case page
    expect(inbox[0].markdown).toContain('Ufficio competente: Ufficio Anagrafe e Stato civile');
    expect(inbox[0].markdown).not.toMatch(/\banagrafe\b/);
    expect(inbox[0].markdown).toContain(`Codice pratica: CRS-${email.caseId.slice(0, 8)}`);
    expect(inbox[0].markdown).toContain(`<${base}/area-personale/pratiche/${email.caseId}>`);
    expect(inbox[0].markdown.length).toBeGreaterThanOrEqual(80);
    const row = await notifications.findEmail(email.dedupeKey);
    expect(row).toMatchObject({ status: 'sent', channel: 'io', ioMessageId: inbox[0].id });
    expect(mailsTo(MARIO)).toHaveLength(0);
    // IO's status of the message, read back through the adapter
    const adapter = new AppIoHttpAdapter({ baseUrl: `${base}/dev-io/api/v1`, apiKey: KEY, timeoutMs: 5000 });
    await expect(adapter.messageStatus(MARIO, inbox[0].id)).resolves.toBe('PROCESSED');
    // nothing is sent twice
    expect(await dispatch()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await fake.inbox(MARIO)).toHaveLength(1);
  });

  it('given an act issued to a citizen on IO, when its notice is dispatched, then the IO message links the act and its public verification page, and promises no attachment', async () => {
    // given: a case of Mario's and an act issued on it
    const { caseId } = await enqueue(MARIO);
    await dispatch();
    const act = await t.app.get(StoreIssuedUseCase).execute({ caseId, kind: 'act', template: 'atti/rigetto#Task_Rigetto#1', name: 'rigetto-CRS.pdf', bytes: Buffer.from('%PDF-1.7 atto di prova') });
    await tx.run(() =>
      notifications.enqueueEmail(
        anEmail({ caseId, event: 'atto-emesso', procedureKey: 'certificato-residenza', fiscalCode: MARIO, to: 'mario@example.it', item: act.id, dedupeKey: `${caseId}:atto-emesso:${act.id}`, variables: { documentId: act.id, actTitle: 'Provvedimento di rigetto', actFileName: act.name, caseCode: 'CRS-1', caseUrl: `${base}/area-personale/pratiche/${caseId}` } }),
      ),
    );
    // when
    expect(await dispatch()).toEqual({ sent: 1, retried: 0, failed: 0 });
    // then
    const [message] = (await fake.inbox(MARIO)).filter((m) => m.markdown.includes('Provvedimento di rigetto'));
    expect(message.markdown).toContain(`${base}/documenti/verifica/${act.verificationCode}`);
    expect(message.markdown).not.toContain('allegato');
    expect(mailsTo(MARIO)).toHaveLength(0);
  });

  it('given a citizen not on IO (profile 404), when a notice is dispatched, then it falls back to e-mail', async () => {
    // given
    const email = await enqueue(VERDI);
    // when
    await dispatch();
    // then
    expect(await notifications.findEmail(email.dedupeKey)).toMatchObject({ status: 'sent', channel: 'email', ioMessageId: null });
    expect(mailsTo(VERDI)).toHaveLength(1);
    // regression: e-mails said "presa in carico da anagrafe" (the office key); they name the office, the case code and link to the case
    const mail = mailsTo(VERDI)[0];
    expect(mail.text).toContain('è stata presa in carico da Ufficio Anagrafe e Stato civile.');
    expect(mail.text).toContain('Ufficio competente: Ufficio Anagrafe e Stato civile');
    expect(mail.text).toContain(`Codice pratica: CRS-${email.caseId.slice(0, 8)}`);
    expect(mail.text).toContain(`${base}/area-personale/pratiche/${email.caseId}`);
    expect(await fake.inbox(VERDI)).toHaveLength(0);
  });

  it('given a citizen on IO who does not allow the service, when a notice is dispatched, then it goes by e-mail', async () => {
    // given
    await fake.setCitizen(LAURA, { onIo: true, senderAllowed: false });
    const email = await enqueue(LAURA);
    // when
    await dispatch();
    // then
    expect(await notifications.findEmail(email.dedupeKey)).toMatchObject({ status: 'sent', channel: 'email' });
    expect(mailsTo(LAURA)).toHaveLength(1);
    expect(await fake.inbox(LAURA)).toHaveLength(0);
  });

  it('given a citizen on IO who chose e-mail in the personal area, when a notice is dispatched, then it goes by e-mail', async () => {
    // given
    await fake.setCitizen(MARCO, { onIo: true, senderAllowed: true });
    await tx.run(() => notifications.chooseChannel(MARCO, 'email'));
    const email = await enqueue(MARCO);
    // when
    await dispatch();
    // then
    expect(await notifications.findEmail(email.dedupeKey)).toMatchObject({ status: 'sent', channel: 'email' });
    expect(await fake.inbox(MARCO)).toHaveLength(0);
    await tx.run(() => notifications.chooseChannel(MARCO, 'io'));
  });

  it('given IO answering 503 twice, when the notice is dispatched, then it is retried with backoff and lands in the IO inbox exactly once', async () => {
    // given
    const before = (await fake.inbox(MARIO)).length;
    await fake.setFault({ operation: 'message', status: 503, count: 2 });
    const email = await enqueue(MARIO);
    present();
    // when / then: two attempts refused by IO, each rescheduled
    expect(await dispatcher.dispatchDue(now)).toEqual({ sent: 0, retried: 1, failed: 0 });
    const first = await notifications.findEmail(email.dedupeKey);
    expect(first).toMatchObject({ status: 'pending', channel: 'io', attempts: 1 });
    expect(first!.nextAttemptAt.getTime()).toBe(now.getTime() + BACKOFF_MS);
    // the case page shows the notice "in attesa" while IO is down
    expect((await notifications.pendingByCase([email.caseId])).get(email.caseId)).toBe(1);
    expect(await dispatcher.dispatchDue(seconds(now, 1))).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await dispatcher.dispatchDue(seconds(now, 10))).toEqual({ sent: 1, retried: 0, failed: 0 });
    now = seconds(now, 3600);
    // then
    expect(await fake.inbox(MARIO)).toHaveLength(before + 1);
    expect(await notifications.findEmail(email.dedupeKey)).toMatchObject({ status: 'sent', channel: 'io', attempts: 3 });
    expect((await notifications.pendingByCase([email.caseId])).get(email.caseId)).toBeUndefined();
    expect(mailsTo(MARIO)).toHaveLength(0);
  });

  it('given IO taking the message but its answer never arriving, when the notice is dispatched, then it is not resubmitted to IO but reconciled by e-mail', async () => {
    // given
    const before = (await fake.inbox(MARIO)).length;
    await fake.setFault({ operation: 'message', status: 0, count: 1, afterAccept: true });
    const email = await enqueue(MARIO);
    // when
    const report = await dispatch();
    // then: IO has it (the answer was lost), the citizen also gets the e-mail, and IO never gets it twice
    expect(report).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await fake.inbox(MARIO)).toHaveLength(before + 1);
    expect(mailsTo(MARIO)).toHaveLength(1);
    const row = await ds.query(`select channel, io_state, status from notification_outbox where dedupe_key = $1`, [email.dedupeKey]);
    expect(row[0]).toEqual({ channel: 'email', io_state: 'unknown', status: 'sent' });
    await dispatch();
    expect(await fake.inbox(MARIO)).toHaveLength(before + 1);
  });

  it('given a row left "submitting" by a process that died mid-send, when it is claimed again, then it is reconciled by e-mail, not resubmitted', async () => {
    // given: the first attempt marked the row and died before recording IO's answer
    const before = (await fake.inbox(LAURA)).length;
    await fake.setCitizen(LAURA, { onIo: true, senderAllowed: true });
    const email = await enqueue(LAURA);
    await ds.query(`update notification_outbox set channel = 'io', io_state = 'submitting', attempts = 1 where dedupe_key = $1`, [email.dedupeKey]);
    // when
    await dispatch();
    // then
    expect(await fake.inbox(LAURA)).toHaveLength(before);
    expect(await notifications.findEmail(email.dedupeKey)).toMatchObject({ status: 'sent', channel: 'email' });
  });

  it('given a payment notice, when it goes to IO, then the message carries payment_data and due_date', async () => {
    // given
    await enqueue(MARIO, { io: { dueDate: '2026-12-31T23:59:59Z', paymentData: { amount: 1600, noticeNumber: '301000000000000017', invalidAfterDueDate: true } } });
    // when
    await dispatch();
    // then
    const last = (await fake.inbox(MARIO)).at(-1)!;
    expect(last.paymentData).toEqual({ amount: 1600, notice_number: '301000000000000017', invalid_after_due_date: true });
    expect(last.dueDate?.toISOString()).toBe('2026-12-31T23:59:59.000Z');
  });

  it("given IO's limits, when a message breaks them, then IO's 400 and the outbox's check name the field", async () => {
    const adapter = new AppIoHttpAdapter({ baseUrl: `${base}/dev-io/api/v1`, apiKey: KEY, timeoutMs: 5000 });
    // a subject under 10 characters and a markdown under 80
    const refused = await adapter.submitMessage({ fiscalCode: MARIO, subject: 'Breve', markdown: 'Troppo corto' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppIoRejectedError);
    expect((refused as AppIoRejectedError).status).toBe(400);
    expect((refused as AppIoRejectedError).fieldErrors.map((e) => e.field).sort()).toEqual(['content.markdown', 'content.subject']);
    // a malformed notice number is refused when the notice is queued, naming the field
    const bad = await enqueue(MARIO, { io: { paymentData: { amount: 0, noticeNumber: '12345' } } }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(NotificationsInvalidEmailException);
    expect((bad as NotificationsInvalidEmailException).details.fieldErrors!.map((e) => e.field).sort()).toEqual(['io.paymentData.amount', 'io.paymentData.noticeNumber']);
  });

  it('given the wrong subscription key, when the adapter calls IO, then IO answers 401 and the adapter refuses', async () => {
    const adapter = new AppIoHttpAdapter({ baseUrl: `${base}/dev-io/api/v1`, apiKey: 'not-the-key-000', timeoutMs: 5000 });
    const refused = await adapter.profile(MARIO).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppIoRejectedError);
    expect((refused as AppIoRejectedError).status).toBe(401);
  });

  it('given a citizen without e-mail and not on IO, when a notice is dispatched, then it fails with a reason instead of vanishing', async () => {
    const email = await enqueue(VERDI, { to: null });
    await dispatch();
    const row = await ds.query(`select status, last_error from notification_outbox where dedupe_key = $1`, [email.dedupeKey]);
    expect(row[0].status).toBe('failed');
    expect(row[0].last_error).toMatch(/no channel/);
  });
});
