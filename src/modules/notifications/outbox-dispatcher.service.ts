import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../common/logging.module';
import { APP_CONFIG, AppConfig } from '../../config';
import { EmailRenderer } from './email-renderer';
import { MAIL_TRANSPORT, MailDeliveryError, MailTransport } from './mail-transport.port';
import { DispatchReport } from './notifications.types';
import { AppIoPort, AppIoUnavailableError, APP_IO_PORT, ioMessageBody, ioMessageProblems } from '../app-io';
import { ChannelPreferencesRepository } from './channel-preferences.repository';
import { ClaimedEmail, IoContent, OutboxRepository } from './outbox.repository';
import { backoffDelay } from './retry-policy';

type Outcome = keyof DispatchReport | null;
/** Why a notice cannot be delivered at all; an operator reads it in notification_outbox.last_error. */
const NO_CHANNEL = 'no channel: the citizen is not reachable on App IO and has no e-mail address';
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** How long a claimed row stays reserved to one dispatcher: well above the SMTP timeouts. */
export const OUTBOX_LEASE_MS = 120_000;
export const OUTBOX_BATCH = 10;

/**
 * Sends committed outbox rows: claim (short statement, lease), render at the first attempt from
 * the case as it is now and store the result (fenced), send (no transaction open),
 * record the outcome (fenced by the attempt number). A crash between send and record leaves the
 * row to be claimed again when the lease runs out: delivery is at-least-once, as SMTP itself is.
 * The resent copy carries the same Message-ID, so the receiving side can drop it.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  /** Whether the last pass delivered alert rows: the next pass comes after ALERTS_POLL_MS, to use the next second's budget. */
  private alertsClaimed = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly renderer: EmailRenderer,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport | null,
    @Inject(APP_IO_PORT) private readonly io: AppIoPort | null,
    private readonly preferences: ChannelPreferencesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.transport) this.logger.warn('SMTP_URL is not set: citizen e-mails are kept in notification_outbox and not sent');
    if (!this.transport && !this.io) return;
    if (this.config.NOTIFICATIONS_ENABLED) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.transport?.close();
  }

  /** Sends every row due at `now`; with delivery disabled, sends nothing. */
  async dispatchDue(now: Date = new Date()): Promise<DispatchReport> {
    const report: DispatchReport = { sent: 0, retried: 0, failed: 0 };
    if (!this.transport && !this.io) return report;
    const channels = { email: this.transport !== null, io: this.io !== null };
    while (!this.stopped) {
      const claimed = await this.outbox.claimDue(now, new Date(now.getTime() + OUTBOX_LEASE_MS), OUTBOX_BATCH, channels);
      for (const email of claimed) {
        const outcome = await this.route(email, now);
        if (outcome) report[outcome]++;
      }
      if (claimed.length < OUTBOX_BATCH) break;
    }
    // Topic alerts: within ALERTS_RATE_PER_SECOND, shared by every process (see claimAlertsDue).
    this.alertsClaimed = false;
    while (!this.stopped) {
      const claimed = await this.outbox.claimAlertsDue(now, new Date(now.getTime() + OUTBOX_LEASE_MS), OUTBOX_BATCH, channels, this.config.ALERTS_RATE_PER_SECOND);
      if (claimed.length) this.alertsClaimed = true;
      for (const email of claimed) {
        const outcome = await this.route(email, now);
        if (outcome) report[outcome]++;
      }
      if (claimed.length < OUTBOX_BATCH) break;
    }
    return report;
  }

  /**
   * Chooses the channel at the first attempt and keeps it: App IO when IO is configured, the row
   * names the citizen's fiscal code, the citizen has not chosen e-mail, is on IO and allows the
   * Comune's service; otherwise e-mail. IO refusing the message (403, 404, 400) or an unknown IO
   * outcome moves the notice to e-mail; IO down is retried with backoff, on IO.
   */
  private async route(email: ClaimedEmail, now: Date): Promise<Outcome> {
    if (email.channel === null) {
      let channel: 'email' | 'io' = 'email';
      if (this.io && email.fiscalCode && (await this.preferences.channelOf(email.fiscalCode)) === 'io') {
        try {
          const profile = await this.io.profile(email.fiscalCode);
          if (profile?.senderAllowed) channel = 'io';
        } catch (e: unknown) {
          if (e instanceof AppIoUnavailableError) return this.retry(email, now, `io profile: ${e.message}`);
          // Refused (e.g. the service key): the citizen is still owed the notice, by e-mail.
          this.logger.warn({ outboxId: email.id, error: errorText(e) }, 'App IO profile check refused: notice goes by e-mail');
        }
      }
      if (channel === 'email' && !email.recipient) return this.fail(email, NO_CHANNEL);
      if (!(await this.outbox.setChannel(email, channel))) return this.leaseLost(email);
    }
    if (email.channel === 'io') {
      const io = this.io;
      if (!io) return this.toEmail(email, now, 'App IO is no longer configured');
      return this.deliverIo(io, email, now);
    }
    if (!this.transport) {
      // Bound for e-mail with no SMTP configured: it waits, this attempt not counted.
      return (await this.outbox.release(email, new Date(now.getTime() + this.config.NOTIFICATIONS_BACKOFF_MS))) ? null : this.leaseLost(email);
    }
    return this.deliver(this.transport, email, now);
  }

  /**
   * One IO attempt. IO has no idempotency key, so the row is marked `submitting` before the
   * request leaves: a row claimed again in that state (the process died, or the answer was lost)
   * may already be in the citizen's IO inbox, and is reconciled by sending it by e-mail instead
   * of submitting it to IO a second time. The same for a timeout or a 504 (outcome unknown).
   */
  private async deliverIo(io: AppIoPort, email: ClaimedEmail, now: Date): Promise<Outcome> {
    if (email.ioState === 'submitting') {
      if (!(await this.outbox.markIoOutcome(email, 'unknown', 'an earlier IO attempt ended without an answer'))) return this.leaseLost(email);
      return this.toEmail(email, now, 'App IO outcome unknown');
    }
    let content: IoContent;
    if (typeof email.io?.subject === 'string' && typeof email.io.markdown === 'string') {
      // Rendered by an earlier attempt: every retry submits the same message.
      content = email.io as IoContent;
    } else {
      try {
        const r = await this.renderer.renderIo(email);
        content = r.content;
        const problems = ioMessageProblems(ioMessageBody({ fiscalCode: email.fiscalCode ?? '', ...content }));
        if (problems.length) throw new Error(`App IO limits: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
        if (!(await this.outbox.storeIoRendered(email, r.template, content))) return this.leaseLost(email);
      } catch (e: unknown) {
        if (!(await this.outbox.markIoOutcome(email, 'rejected', `render: ${errorText(e)}`))) return this.leaseLost(email);
        return this.toEmail(email, now, `App IO message not composed: ${errorText(e)}`);
      }
    }
    if (!(await this.outbox.markIoSubmitting(email))) return this.leaseLost(email);
    try {
      const { id } = await io.submitMessage({ fiscalCode: email.fiscalCode ?? '', ...content });
      if (!(await this.outbox.markIoSent(email, new Date(), id))) return this.leaseLost(email);
      return 'sent';
    } catch (e: unknown) {
      const error = errorText(e);
      if (e instanceof AppIoUnavailableError && !e.outcomeUnknown) {
        if (!(await this.outbox.clearIoSubmitting(email))) return this.leaseLost(email);
        if (email.attempts < this.config.NOTIFICATIONS_MAX_ATTEMPTS) return this.retry(email, now, error);
        return this.toEmail(email, now, `App IO down after ${email.attempts} attempts: ${error}`);
      }
      const state = e instanceof AppIoUnavailableError ? 'unknown' : 'rejected';
      if (!(await this.outbox.markIoOutcome(email, state, error))) return this.leaseLost(email);
      return this.toEmail(email, now, error);
    }
  }

  /** The notice goes on by e-mail (IO refused it, its outcome is unknown, or IO gave up); without an address it fails. */
  private async toEmail(email: ClaimedEmail, now: Date, reason: string): Promise<Outcome> {
    this.logger.warn({ outboxId: email.id, reason }, 'notice moves from App IO to e-mail');
    if (!email.recipient) return this.fail(email, `${NO_CHANNEL}; ${reason}`);
    if (!(await this.outbox.setChannel(email, 'email'))) return this.leaseLost(email);
    if (!this.transport) return (await this.outbox.release(email, new Date(now.getTime() + this.config.NOTIFICATIONS_BACKOFF_MS))) ? null : this.leaseLost(email);
    return this.deliver(this.transport, email, now);
  }

  private async retry(email: ClaimedEmail, now: Date, error: string): Promise<Outcome> {
    const next = new Date(now.getTime() + backoffDelay(email.attempts, this.config.NOTIFICATIONS_BACKOFF_MS));
    if (!(await this.outbox.markRetry(email, next, error))) return this.leaseLost(email);
    this.logger.warn({ outboxId: email.id, attempts: email.attempts, next, error }, 'citizen notice not sent, will retry');
    return 'retried';
  }

  private async fail(email: ClaimedEmail, error: string): Promise<Outcome> {
    if (!(await this.outbox.markFailed(email, error))) return this.leaseLost(email);
    this.logger.error({ outboxId: email.id, error }, 'citizen notice given up');
    return 'failed';
  }

  private async deliver(transport: MailTransport, email: ClaimedEmail, now: Date): Promise<keyof DispatchReport | null> {
    let content = email.rendered;
    if (!content) {
      try {
        const r = await this.renderer.render(email);
        content = { subject: r.subject, html: r.html, text: r.text };
        const template = [...new Set(Object.values(r.templates))].join(' + ');
        if (!(await this.outbox.storeRendered(email, { template, ...content }))) return this.leaseLost(email);
      } catch (e: unknown) {
        // A template or data mistake does not heal by retrying: the e-mail is given up, loudly.
        const error = e instanceof Error ? e.message : String(e);
        if (!(await this.outbox.markFailed(email, `render: ${error}`))) return this.leaseLost(email);
        this.logger.error({ outboxId: email.id, error, details: (e as { details?: unknown }).details }, 'citizen e-mail could not be rendered');
        return 'failed';
      }
    }
    try {
      // Attachments are stored documents, read at each attempt: a retry carries the same bytes.
      const attachments = await this.renderer.attachments(email);
      const sent = await transport.send({
        to: email.recipient ?? '',
        subject: content.subject,
        html: content.html,
        text: content.text,
        messageId: email.messageId,
        ...(attachments.length ? { attachments } : {}),
      });
      if (!(await this.outbox.markSent(email, new Date(), sent.response))) this.leaseLost(email);
      return 'sent';
    } catch (e: unknown) {
      const error = e instanceof Error ? e.message : String(e);
      const permanent = e instanceof MailDeliveryError && e.permanent;
      if (permanent || email.attempts >= this.config.NOTIFICATIONS_MAX_ATTEMPTS) {
        if (!(await this.outbox.markFailed(email, error))) this.leaseLost(email);
        this.logger.error({ outboxId: email.id, attempts: email.attempts, permanent, error }, 'citizen e-mail given up');
        return 'failed';
      }
      const next = new Date(now.getTime() + backoffDelay(email.attempts, this.config.NOTIFICATIONS_BACKOFF_MS));
      if (!(await this.outbox.markRetry(email, next, error))) this.leaseLost(email);
      this.logger.warn({ outboxId: email.id, attempts: email.attempts, next, error }, 'citizen e-mail not sent, will retry');
      return 'retried';
    }
  }

  private leaseLost(email: ClaimedEmail): null {
    this.logger.warn({ outboxId: email.id }, 'outbox lease ran out before the outcome was recorded; another dispatcher owns the row');
    return null;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.dispatchDue()
        .then((r) => {
          if (r.sent || r.retried || r.failed) this.logger.info(r, 'notifications pass');
        })
        .catch((e: unknown) => this.logger.error({ err: e }, 'notifications pass failed'))
        .finally(() => this.schedule(this.alertsClaimed ? Math.min(this.config.ALERTS_POLL_MS, this.config.NOTIFICATIONS_POLL_MS) : this.config.NOTIFICATIONS_POLL_MS));
    }, delay);
    this.timer.unref();
  }
}
