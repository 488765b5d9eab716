import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Transactions } from '../../../database';
import { CasesService } from '../../cases';
import { DocumentsRepository, issuedAsDocument } from '../documents.repository';
import type { DocumentView, IssuedKind } from '../documents.types';
import { sha256Of } from '../storage/content-rows';
import { DOCUMENT_STORAGE, DocumentStorage, lockDigest } from '../storage/document-storage.port';
import { newVerificationCode } from './issue-receipt.use-case';

/** A PDF another module rendered for a case (e.g. the avviso di pagamento), to keep as issued. */
export interface IssuedPdf {
  caseId: string;
  kind: Exclude<IssuedKind, 'receipt'>;
  /** What it was made from; with the kind, its identity on the case (`avviso-pagamento:<NAV>`). */
  template: string;
  name: string;
  bytes: Buffer;
  protocol?: { number: string; year: number } | null;
  /** The code the PDF prints under its QR; a new one when the document carries none. */
  verificationCode?: string;
}

/**
 * Stores a rendered document as issued on its case, visible in Documenti and verifiable at
 * `/documenti/verifica/{code}` by its SHA-256. Once per case, kind and template: a second call
 * (a retried step) answers the document stored the first time. Joins the caller's transaction.
 */
@Injectable()
export class StoreIssuedUseCase {
  constructor(
    private readonly tx: Transactions,
    private readonly repo: DocumentsRepository,
    private readonly cases: CasesService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async execute(input: IssuedPdf): Promise<DocumentView> {
    return this.tx.run(async (em) => {
      await this.repo.lockCase(input.caseId);
      const existing = await this.repo.findIssuedByTemplate(input.caseId, input.kind, input.template);
      if (existing) return issuedAsDocument(existing);
      const caseRow = await this.cases.row(input.caseId);
      const sha256 = sha256Of(input.bytes);
      await lockDigest(em, sha256);
      await this.storage.store(em, sha256, input.bytes);
      const document = {
        id: randomUUID(),
        kind: input.kind,
        caseId: input.caseId,
        ownerFiscalCode: caseRow.citizen_fiscal_code,
        office: caseRow.office,
        name: input.name,
        mediaType: 'application/pdf',
        size: input.bytes.length,
        sha256,
        verificationCode: input.verificationCode ?? newVerificationCode(),
        protocol: input.protocol ?? null,
        template: input.template,
        createdAt: new Date(),
      };
      await this.repo.insertIssued(document);
      return { id: document.id, kind: document.kind, name: document.name, mediaType: document.mediaType, size: document.size, sha256, caseId: input.caseId, createdAt: document.createdAt, verificationCode: document.verificationCode };
    });
  }
}
