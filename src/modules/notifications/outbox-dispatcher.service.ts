import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../common/logging.module';
import { APP_CONFIG, AppConfig } from '../../config';
import { EmailRenderer } from './email-renderer';
import { MAIL_TRANSPORT, MailDeliveryError, MailTransport } from './mail-transport.port';
import { DispatchReport } from './notifications.types';
import { ClaimedEmail, OutboxRepository } from './outbox.repository';
import { backoffDelay } from './retry-policy';

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

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly renderer: EmailRenderer,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.transport) {
      this.logger.warn('SMTP_URL is not set: citizen e-mails are kept in notification_outbox and not sent');
      return;
    }
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
    const transport = this.transport;
    if (!transport) return report;
    while (!this.stopped) {
      const claimed = await this.outbox.claimDue(now, new Date(now.getTime() + OUTBOX_LEASE_MS), OUTBOX_BATCH);
      for (const email of claimed) {
        const outcome = await this.deliver(transport, email, now);
        if (outcome) report[outcome]++;
      }
      if (claimed.length < OUTBOX_BATCH) break;
    }
    return report;
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
        to: email.recipient,
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
        .finally(() => this.schedule(this.config.NOTIFICATIONS_POLL_MS));
    }, delay);
    this.timer.unref();
  }
}
