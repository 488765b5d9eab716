import { Inject, Injectable } from '@nestjs/common';
import { Page, PageRequest } from '../../common';
import { Transactions } from '../../database';
import { CaseNotFoundException, CasesService, CaseViewer } from '../cases';
import { DocumentNotFoundException, DocumentVerificationNotFoundException } from './documents.exceptions';
import { AttachmentRow, DocumentsRepository, IssuedRow, attachmentAsDocument, issuedAsDocument } from './documents.repository';
import { AttachmentView, DocumentView, DocumentViewer, UploadRequest, VerificationView } from './documents.types';
import { DOCUMENT_STORAGE, DocumentStorage } from './storage/document-storage.port';
import { sha256Of } from './storage/content-rows';
import { IssueReceiptUseCase } from './use-cases/issue-receipt.use-case';
import { StoreUploadUseCase } from './use-cases/store-upload.use-case';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERIFICATION_CODE = /^[A-Za-z0-9_-]{20}$/;

/**
 * Documents (contract 3): citizens' uploads, the receipts and acts the Comune issues, their
 * bytes behind DOCUMENT_STORAGE, and the public verification of issued ones.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly tx: Transactions,
    private readonly repo: DocumentsRepository,
    private readonly cases: CasesService,
    private readonly uploads: StoreUploadUseCase,
    private readonly receipts: IssueReceiptUseCase,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  /** Throws DOCUMENT_TOO_LARGE, DOCUMENT_TYPE_NOT_ALLOWED, DOCUMENT_TOO_MANY or DOCUMENT_INVALID_UPLOAD naming the field. */
  storeUpload(request: UploadRequest): Promise<AttachmentView> {
    return this.uploads.execute(request);
  }

  /**
   * Files one upload of `owner` (field `field`, not yet filed) on a case filed outside the form's
   * filepickers, such as a delega at the desk. Joins the caller's transaction; false when no such upload.
   */
  async fileUpload(id: string, owner: string, field: string, caseId: string, office: string): Promise<boolean> {
    if (!UUID.test(id)) return false;
    return this.tx.run(async () => {
      const [row] = await this.repo.attachmentsForUpdate([id]);
      if (!row || row.owner_fiscal_code !== owner.trim().toUpperCase() || row.field !== field || row.case_id !== null) return false;
      await this.repo.linkAttachments([id], caseId, office, new Date());
      return true;
    });
  }

  /** Filed attachments and issued documents of a case, oldest first. The caller has checked access. */
  listForCase(caseId: string): Promise<DocumentView[]> {
    return UUID.test(caseId) ? this.repo.listForCase(caseId) : Promise.resolve([]);
  }

  /** The case's documents for someone who may see the case (else CASE_NOT_FOUND). */
  async listForCaseAs(caseId: string, viewer: CaseViewer): Promise<DocumentView[]> {
    await this.cases.get(caseId, viewer);
    return this.repo.listForCase(caseId);
  }

  /** What the personal area's Documenti tab lists: the citizen's filed attachments and issued documents, newest first. */
  async listForCitizen(fiscalCode: string, page: PageRequest): Promise<Page<DocumentView>> {
    const { items, total } = await this.repo.listForCitizen(fiscalCode.trim().toUpperCase(), page.offset, page.pageSize);
    return { items, total, page: page.page, pageSize: page.pageSize };
  }

  /**
   * A document and its bytes, for its owner citizen, operators of the case's office and
   * administrators; anyone else gets DOCUMENT_NOT_FOUND, as for a document that does not exist.
   */
  async read(id: string, viewer: DocumentViewer): Promise<{ document: DocumentView; bytes: Buffer }> {
    if (!UUID.test(id)) throw new DocumentNotFoundException(id);
    const attachment = await this.repo.findAttachment(id);
    const issued = attachment ? undefined : await this.repo.findIssued(id);
    const row = attachment ?? issued;
    if (!row || !mayRead(viewer, row)) throw new DocumentNotFoundException(id);
    const document = attachment ? attachmentAsDocument(attachment) : issuedAsDocument(issued!);
    const bytes = await this.storage.load(this.tx.manager(), document.sha256);
    return { document, bytes };
  }

  /** The case's PDF receipt, rendered and stored the first time it is asked for (DOCUMENT_NOT_READY before the protocol number exists). */
  async receiptFor(caseId: string): Promise<DocumentView> {
    if (!UUID.test(caseId)) throw new CaseNotFoundException(caseId);
    return this.receipts.execute(caseId);
  }

  /** The receipt for someone who may see the case (else CASE_NOT_FOUND). */
  async receiptForAs(caseId: string, viewer: CaseViewer): Promise<DocumentView> {
    await this.cases.get(caseId, viewer);
    return this.receipts.execute(caseId);
  }

  /** The receipt's bytes, rendering it first if needed: what the submission e-mail attaches. */
  async receiptBytesFor(caseId: string): Promise<{ document: DocumentView; bytes: Buffer }> {
    const document = await this.receiptFor(caseId);
    return { document, bytes: await this.storage.load(this.tx.manager(), document.sha256) };
  }

  /** Public check of an issued document by its code: no personal data; `valid` when the stored bytes still match the digest. */
  async verify(code: string): Promise<VerificationView> {
    const row = VERIFICATION_CODE.test(code) ? await this.repo.findIssuedByCode(code) : undefined;
    if (!row) throw new DocumentVerificationNotFoundException(code);
    let valid: boolean;
    try {
      valid = sha256Of(await this.storage.load(this.tx.manager(), row.sha256)) === row.sha256;
    } catch {
      valid = false;
    }
    return {
      code: row.verification_code,
      kind: row.kind,
      name: row.name,
      issuedAt: row.created_at,
      sha256: row.sha256,
      protocol: row.protocol_number && row.protocol_year ? { number: row.protocol_number, year: row.protocol_year } : null,
      valid,
    };
  }
}

function mayRead(viewer: DocumentViewer, row: AttachmentRow | IssuedRow): boolean {
  switch (viewer.kind) {
    case 'citizen':
      return row.owner_fiscal_code === viewer.fiscalCode.trim().toUpperCase();
    case 'operator':
      return row.office !== null && viewer.offices.includes(row.office);
    case 'admin':
      return true;
  }
}
