import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config';
import { ioRecipient } from '../../app-io';
import { EmailAttachment, EmailReference, NoticeDocumentLink, NotificationsService } from '../../notifications';
import { DocumentsService } from '../documents.service';
import { verificationUrl } from '../use-cases/issue-receipt.use-case';

/** The citizen notice that an act was issued; its `item` is the issued document's id. */
export const ACT_ISSUED_EVENT = 'atto-emesso';

/** What the notice needs of the case (a case_file row). */
export interface NoticeCase {
  id: string;
  code: string;
  procedure_key: string;
  citizen_email: string | null;
  citizen_fiscal_code: string | null;
}

export interface IssuedActRef {
  documentId: string;
  title: string;
  name: string;
}

/**
 * Tells the citizen an act was issued: a notice queued in the outbox in the issuing transaction
 * (so it exists if and only if the act does), carrying the case code, the case link and the
 * document reference (`item` and `variables.documentId`: a channel such as App IO links it), and,
 * by e-mail, the PDF itself, attached at send time from the stored bytes (the same at every retry).
 */
@Injectable()
export class ActNotice implements OnModuleInit {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly documents: DocumentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.notifications.attachWith((ref) => this.attachments(ref));
    // On App IO, which carries no attachment here, the notice links the act's public verification page.
    this.notifications.linkDocumentsWith((ref) => this.links(ref));
  }

  async queue(caseRow: NoticeCase, act: IssuedActRef): Promise<void> {
    const fiscalCode = ioRecipient(caseRow.citizen_fiscal_code);
    if (!caseRow.citizen_email && !fiscalCode) return;
    await this.notifications.enqueueEmail({
      caseId: caseRow.id,
      event: ACT_ISSUED_EVENT,
      procedureKey: caseRow.procedure_key,
      to: caseRow.citizen_email,
      fiscalCode,
      item: act.documentId,
      dedupeKey: `${caseRow.id}:${ACT_ISSUED_EVENT}:${act.documentId}`,
      variables: {
        documentId: act.documentId,
        actTitle: act.title,
        actFileName: act.name,
        caseCode: caseRow.code,
        caseUrl: `${this.config.PUBLIC_BASE_URL}/area-personale/pratiche/${caseRow.id}`,
      },
    });
  }

  async links(ref: EmailReference): Promise<NoticeDocumentLink[]> {
    if (ref.event !== ACT_ISSUED_EVENT || !ref.item) return [];
    const document = (await this.documents.listForCase(ref.caseId)).find((d) => d.id === ref.item);
    if (!document?.verificationCode) return [];
    return [{ title: document.name, verificationUrl: verificationUrl(this.config.PUBLIC_BASE_URL, document.verificationCode) }];
  }

  async attachments(ref: EmailReference): Promise<EmailAttachment[]> {
    if (ref.event !== ACT_ISSUED_EVENT || !ref.item) return [];
    const { document, bytes } = await this.documents.read(ref.item, { kind: 'admin' });
    if (document.caseId !== ref.caseId) return [];
    return [{ filename: document.name, contentType: document.mediaType, content: bytes }];
  }
}
