import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config';
import { EmailAttachment, EmailReference, NotificationsService } from '../../notifications';
import { DocumentsService } from '../documents.service';

/** The citizen notice that an act was issued; its `item` is the issued document's id. */
export const ACT_ISSUED_EVENT = 'atto-emesso';

/** What the notice needs of the case (a case_file row). */
export interface NoticeCase {
  id: string;
  code: string;
  procedure_key: string;
  citizen_email: string | null;
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
  }

  async queue(caseRow: NoticeCase, act: IssuedActRef): Promise<void> {
    if (!caseRow.citizen_email) return;
    await this.notifications.enqueueEmail({
      caseId: caseRow.id,
      event: ACT_ISSUED_EVENT,
      procedureKey: caseRow.procedure_key,
      to: caseRow.citizen_email,
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

  async attachments(ref: EmailReference): Promise<EmailAttachment[]> {
    if (ref.event !== ACT_ISSUED_EVENT || !ref.item) return [];
    const { document, bytes } = await this.documents.read(ref.item, { kind: 'admin' });
    if (document.caseId !== ref.caseId) return [];
    return [{ filename: document.name, contentType: document.mediaType, content: bytes }];
  }
}
