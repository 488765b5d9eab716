import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config';
import { EmailAttachment, EmailReference, NoticeDocumentLink, NotificationsService } from '../../notifications';
import { verificationUrl } from '../use-cases/issue-receipt.use-case';
import { DocumentsService } from '../documents.service';

/** The citizen e-mail that announces the filing (event `inviata`, queued in the filing transaction). */
export const SUBMISSION_EVENT = 'inviata';

/**
 * The submission e-mail carries the PDF receipt. It is attached when the outbox sends the e-mail
 * (the receipt needs the protocol number, assigned when the filing commits): the receipt is
 * rendered once and stored, so every attempt attaches the same bytes. Until it can be rendered
 * the resolver throws and the outbox retries the e-mail.
 */
@Injectable()
export class ReceiptEmailAttachment implements OnModuleInit {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly documents: DocumentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.notifications.attachWith((ref) => this.attachments(ref));
    // On App IO, which carries no attachment here, the same notice links to the receipt's public verification page.
    this.notifications.linkDocumentsWith((ref) => this.links(ref));
  }

  async links(ref: EmailReference): Promise<NoticeDocumentLink[]> {
    if (ref.event !== SUBMISSION_EVENT) return [];
    const document = await this.documents.receiptFor(ref.caseId);
    return document.verificationCode ? [{ title: document.name, verificationUrl: verificationUrl(this.config.PUBLIC_BASE_URL, document.verificationCode) }] : [];
  }

  async attachments(ref: EmailReference): Promise<EmailAttachment[]> {
    if (ref.event !== SUBMISSION_EVENT) return [];
    const { document, bytes } = await this.documents.receiptBytesFor(ref.caseId);
    return [{ filename: document.name, contentType: document.mediaType, content: bytes }];
  }
}
