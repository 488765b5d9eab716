import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config';
import { EmailTemplates } from './email-templates';
import { Mailbox, outboxMessageId, parseMailbox } from './mailbox';
import { validateEmailRequest } from './notifications.validation';
import { EnqueueEmailInput, EnqueuedEmail, OutboxEmail } from './notifications.types';
import { OutboxRepository } from './outbox.repository';

/** Name printed in the e-mail header when MAIL_FROM has no display name. */
const FALLBACK_SENDER_NAME = 'Sportello';

/**
 * Citizen e-mails through a transactional outbox. `enqueueEmail` joins the caller's transaction
 * (Transactions.manager()), so the e-mail exists if and only if the change it announces commits.
 * The message is rendered here, at enqueue time: it says what was true when the status changed,
 * a template mistake fails the change under test instead of an e-mail days later, and every
 * retry sends byte-for-byte the same subject and body that the outbox keeps as a record.
 */
@Injectable()
export class NotificationsService {
  private readonly sender: Mailbox;

  constructor(
    private readonly templates: EmailTemplates,
    private readonly outbox: OutboxRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.sender = parseMailbox(config.MAIL_FROM);
  }

  async enqueueEmail(input: EnqueueEmailInput): Promise<EnqueuedEmail> {
    const req = validateEmailRequest(input);
    const rendered = this.templates.render(req.procedureKey, req.event, {
      ...req.variables,
      comune: this.sender.name ?? FALLBACK_SENDER_NAME,
    });
    const id = randomUUID();
    const { id: outboxId, duplicate } = await this.outbox.insert({
      id,
      dedupeKey: req.dedupeKey,
      caseId: req.caseId,
      event: req.event,
      procedureKey: req.procedureKey,
      template: [...new Set(Object.values(rendered.templates))].join(' + '),
      locale: req.locale,
      recipient: req.to,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId: outboxMessageId(id, this.sender.domain),
    });
    return { outboxId, duplicate };
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
      status: row.status,
      attempts: row.attempts,
      nextAttemptAt: row.nextAttemptAt,
      lastError: row.lastError,
      sentAt: row.sentAt,
    };
  }
}
