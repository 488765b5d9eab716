import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../config';
import { Transactions } from '../../../database';
import { CasesService } from '../../cases';
import { CatalogueService } from '../../catalogue';
import { DocumentNotReadyException } from '../documents.exceptions';
import { DocumentsRepository, issuedAsDocument } from '../documents.repository';
import { DocumentView } from '../documents.types';
import { DocumentTemplates } from '../receipt/document-content';
import { renderPdf } from '../receipt/pdf-renderer';
import { receiptModel } from '../receipt/receipt-model';
import { sha256Of } from '../storage/content-rows';
import { DOCUMENT_STORAGE, DocumentStorage, lockDigest } from '../storage/document-storage.port';

/** 120 random bits, URL-safe: the opaque code printed under the QR (not derived from anything). */
export const newVerificationCode = (): string => randomBytes(15).toString('base64url');
export const verificationUrl = (baseUrl: string, code: string): string => `${baseUrl}/documenti/verifica/${code}`;

/**
 * The PDF receipt of a filed case (art. 18-bis and 8 L. 241/1990): rendered the first time it is
 * asked for, once the istanza has its protocol number, then stored and never changed. Concurrent
 * first requests (any process) wait on one lock per case, so exactly one receipt exists.
 */
@Injectable()
export class IssueReceiptUseCase {
  private readonly templates = new DocumentTemplates();

  constructor(
    private readonly tx: Transactions,
    private readonly repo: DocumentsRepository,
    private readonly cases: CasesService,
    private readonly catalogue: CatalogueService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(caseId: string): Promise<DocumentView> {
    const existing = await this.repo.findReceipt(caseId);
    if (existing) return issuedAsDocument(existing);
    const caseRow = await this.cases.row(caseId);
    if (!caseRow.protocol_number || !caseRow.protocol_year) throw new DocumentNotReadyException(caseId);
    // Rendered before the transaction: the PDF takes a while (seconds under load), and a second
    // request for the same receipt waits on the case's lock only for the store, not the render
    // (it used to hit lock_timeout and answer 500). Two racing renders: the first stored wins.
    const [procedure, attachments] = [await this.catalogue.get(caseRow.procedure_key), await this.repo.attachmentsOfCase(caseId)];
    const code = newVerificationCode();
    const url = verificationUrl(this.config.PUBLIC_BASE_URL, code);
    const model = receiptModel({
      caseRow,
      procedure,
      attachments,
      protocol: { aoo: this.config.PROTOCOL_AOO, register: this.config.PROTOCOL_REGISTER },
      verification: { code, url },
      comune: this.config.COMUNE_NAME,
    });
    const content = this.templates.render('ricevuta', model);
    const createdAt = new Date();
    const bytes = await renderPdf(content, url, {
      title: `${content.title} - ${caseRow.code}`,
      subject: `${caseRow.procedure_title}, protocollo n. ${caseRow.protocol_number}/${caseRow.protocol_year}`,
      author: procedure.office.name,
      createdAt,
    });
    const sha256 = sha256Of(bytes);
    return this.tx.run(async (em) => {
      await this.repo.lockCase(caseId);
      const issued = await this.repo.findReceipt(caseId);
      if (issued) return issuedAsDocument(issued);
      await lockDigest(em, sha256);
      await this.storage.store(em, sha256, bytes);
      const document = {
        id: randomUUID(),
        kind: 'receipt' as const,
        caseId,
        ownerFiscalCode: caseRow.citizen_fiscal_code,
        office: caseRow.office,
        name: `ricevuta-${caseRow.code}.pdf`,
        mediaType: 'application/pdf',
        size: bytes.length,
        sha256,
        verificationCode: code,
        protocol: { number: caseRow.protocol_number!, year: caseRow.protocol_year! },
        template: 'ricevuta',
        createdAt,
      };
      await this.repo.insertIssued(document);
      return {
        id: document.id,
        kind: document.kind,
        name: document.name,
        mediaType: document.mediaType,
        size: document.size,
        sha256,
        caseId,
        createdAt,
        verificationCode: code,
      };
    });
  }
}
