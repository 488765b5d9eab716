import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config';
import { EmailRenderer } from './email-renderer';
import { Mailbox, outboxMessageId, parseMailbox } from './mailbox';
import { validateEmailRequest } from './notifications.validation';
import { ChannelPreferencesRepository, NoticeChannel } from './channel-preferences.repository';
import {
  AlertDeliveryCounts,
  AlertRecipientStatus,
  ChannelCounts,
  EnqueueAlertInput,
  OutboxStatus,
  EmailAttachmentsResolver, EmailVariablesResolver, EnqueueEmailInput, EnqueuedEmail, NoticeDocumentsResolver, OutboxEmail } from './notifications.types';
import { OutboxRepository } from './outbox.repository';

/**
 * Citizen e-mails through a transactional outbox. `enqueueEmail` joins the caller's transaction
 * (Transactions.manager()), so the e-mail exists if and only if the change it announces commits.
 * The row records event, recipient and a reference (case, item) plus fixed variables; it is
 * rendered when sent, outside the transaction, from the case as it is then (protocol number
 * included, which is only assigned at commit). The first attempt stores what it renders and
 * every retry sends byte-for-byte the same subject and body, under the same Message-ID.
 */
@Injectable()
export class NotificationsService {
  private readonly sender: Mailbox;

  constructor(
    private readonly renderer: EmailRenderer,
    private readonly outbox: OutboxRepository,
    private readonly preferences: ChannelPreferencesRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.sender = parseMailbox(config.MAIL_FROM);
  }

  /** One resolver, registered by the module that owns cases; see EmailVariablesResolver. */
  resolveVariablesWith(resolver: EmailVariablesResolver): void {
    this.renderer.resolveVariablesWith(resolver);
  }

  /** Files to attach at send time (e.g. the receipt with the submission e-mail); see EmailAttachmentsResolver. */
  attachWith(resolver: EmailAttachmentsResolver): void {
    this.renderer.attachWith(resolver);
  }

  /** Links to the documents a notice refers to, for its App IO message; see NoticeDocumentsResolver. */
  linkDocumentsWith(resolver: NoticeDocumentsResolver): void {
    this.renderer.linkDocumentsWith(resolver);
  }

  /** The channel the citizen chose in the personal area (App IO by default, when they are on IO). */
  channelOf(fiscalCode: string): Promise<NoticeChannel> {
    return this.preferences.channelOf(fiscalCode);
  }

  /** Joins the caller's transaction. */
  chooseChannel(fiscalCode: string, channel: NoticeChannel): Promise<void> {
    return this.preferences.choose(fiscalCode, channel);
  }

  /** How many notices of each case failed an attempt and wait for a retry (shown as "in attesa"). */
  pendingByCase(caseIds: string[]): Promise<Map<string, number>> {
    return this.outbox.pendingByCase(caseIds);
  }

  /**
   * Queues a notice to a citizen in the caller's transaction: by App IO or by e-mail, chosen when
   * it is sent (see EnqueueEmailInput.fiscalCode).
   */
  async enqueueEmail(input: EnqueueEmailInput): Promise<EnqueuedEmail> {
    const req = validateEmailRequest(input);
    const id = randomUUID();
    const { id: outboxId, duplicate } = await this.outbox.insert({
      id,
      dedupeKey: req.dedupeKey,
      caseId: req.caseId,
      event: req.event,
      procedureKey: req.procedureKey,
      item: req.item,
      variables: req.variables,
      locale: req.locale,
      recipient: req.to,
      fiscalCode: req.fiscalCode,
      io: req.io,
      messageId: outboxMessageId(id, this.sender.domain),
    });
    return { outboxId, duplicate };
  }

  /** Fans a topic alert out to the topic's subscribers, one notice each, in the caller's transaction; returns how many. */
  enqueueAlert(input: EnqueueAlertInput): Promise<number> {
    return this.outbox.insertAlert({ alertId: input.alertId, topic: input.topic, variables: { ...input.variables }, domain: this.sender.domain });
  }

  /** Per channel, how many of an alert's notices are queued, sent and failed. */
  async alertCounts(alertId: string): Promise<AlertDeliveryCounts> {
    const zero = (): ChannelCounts => ({ queued: 0, sent: 0, failed: 0 });
    const counts: AlertDeliveryCounts = { total: 0, io: zero(), email: zero(), unassigned: zero() };
    for (const r of await this.outbox.alertCounts(alertId)) {
      const bucket = counts[r.channel ?? 'unassigned'];
      bucket[r.status === 'pending' ? 'queued' : r.status] += r.n;
      counts.total += r.n;
    }
    return counts;
  }

  /** Each recipient's delivery of an alert, by fiscal code, `limit` from `offset`, optionally only those in `status`. */
  async alertRecipients(alertId: string, status: OutboxStatus | null, limit: number, offset: number): Promise<{ total: number; items: AlertRecipientStatus[] }> {
    const { total, rows } = await this.outbox.alertRecipients(alertId, status, limit, offset);
    return {
      total,
      items: rows.map((r) => ({
        fiscalCode: r.fiscal_code as string,
        channel: r.channel as AlertRecipientStatus['channel'],
        status: r.status as OutboxStatus,
        attempts: r.attempts as number,
        ioMessageId: r.io_message_id as string | null,
        lastError: r.last_error as string | null,
        sentAt: r.sent_at as Date | null,
      })),
    };
  }

  /** Delivery state of one notification, for timelines and support. */
  async findEmail(dedupeKey: string): Promise<OutboxEmail | undefined> {
    const row = await this.outbox.findByDedupeKey(dedupeKey);
    if (!row) return undefined;
    return {
      outboxId: row.id,
      caseId: row.caseId,
      event: row.event,
      template: row.template,
      subject: row.subject,
      messageId: row.messageId,
      channel: row.channel,
      ioMessageId: row.ioMessageId,
      status: row.status,
      attempts: row.attempts,
      nextAttemptAt: row.nextAttemptAt,
      lastError: row.lastError,
      sentAt: row.sentAt,
    };
  }
}
