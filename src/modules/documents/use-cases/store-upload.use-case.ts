import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../config';
import { Transactions } from '../../../database';
import { claimsOtherType, cleanFileName, detectFormat } from '../content-type';
import {
  DocumentInvalidUploadException,
  DocumentTooLargeException,
  DocumentTooManyException,
  DocumentTypeNotAllowedException,
} from '../documents.exceptions';
import { DOCUMENTS_MESSAGES as M, MEDIA_TYPE_LABELS } from '../documents.messages';
import { DocumentsRepository, toAttachmentView } from '../documents.repository';
import { AttachmentView, UploadRequest } from '../documents.types';
import { DOCUMENT_STORAGE, DocumentStorage, lockDigest } from '../storage/document-storage.port';
import { sha256Of } from '../storage/content-rows';

/** A form field's data path as uploads name it: keys joined by dots, no list indexes. */
const FIELD = /^[A-Za-z_$][A-Za-z0-9_$-]*(\.[A-Za-z_$][A-Za-z0-9_$-]*)*$/;

/**
 * A citizen's upload for a form field, before filing: checked by content (PDF, PNG, JPEG), size
 * and count limits per field and overall, digest recorded, stored in one transaction with its row.
 * A refused file leaves nothing behind.
 */
@Injectable()
export class StoreUploadUseCase {
  constructor(
    private readonly tx: Transactions,
    private readonly repo: DocumentsRepository,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(request: UploadRequest): Promise<AttachmentView> {
    const field = typeof request.field === 'string' ? request.field.trim() : '';
    if (!field) throw new DocumentInvalidUploadException('field', M.fieldRequired);
    if (field.length > 200 || !FIELD.test(field)) throw new DocumentInvalidUploadException('field', M.fieldInvalid);
    const name = cleanFileName(request.fileName ?? '');
    if (!name) throw new DocumentInvalidUploadException(field, M.fileNameInvalid);
    const bytes = request.bytes;
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new DocumentInvalidUploadException(field, M.emptyFile(field));
    if (bytes.length > this.config.DOCUMENTS_MAX_FILE_BYTES) {
      throw new DocumentTooLargeException(field, M.tooLarge(field, this.config.DOCUMENTS_MAX_FILE_BYTES));
    }
    const format = detectFormat(bytes);
    if (!format) throw new DocumentTypeNotAllowedException(field, M.typeNotAllowed(field));
    if (claimsOtherType(name, request.declaredType, format)) {
      throw new DocumentTypeNotAllowedException(field, M.typeMismatch(field, MEDIA_TYPE_LABELS[format.mediaType] ?? format.mediaType));
    }
    const owner = request.owner.trim().toUpperCase();
    const sha256 = sha256Of(bytes);
    const row = { id: randomUUID(), owner_fiscal_code: owner, field, name, media_type: format.mediaType, size: bytes.length, sha256, uploaded_at: new Date(), case_id: null, office: null };
    await this.tx.run(async (em) => {
      await this.repo.lockOwner(owner);
      const pending = await this.repo.pendingStats(owner, field);
      if (pending.fieldCount >= this.config.DOCUMENTS_MAX_FILES_PER_FIELD) {
        throw new DocumentTooManyException(field, M.tooManyForField(field, this.config.DOCUMENTS_MAX_FILES_PER_FIELD));
      }
      if (pending.totalCount >= this.config.DOCUMENTS_MAX_PENDING_FILES) {
        throw new DocumentTooManyException(field, M.tooManyPending(this.config.DOCUMENTS_MAX_PENDING_FILES));
      }
      if (pending.totalBytes + bytes.length > this.config.DOCUMENTS_MAX_PENDING_BYTES) {
        throw new DocumentTooLargeException(field, M.pendingBytes(field, this.config.DOCUMENTS_MAX_PENDING_BYTES));
      }
      await lockDigest(em, sha256);
      await this.storage.store(em, sha256, bytes);
      await this.repo.insertAttachment(row);
    });
    return toAttachmentView(row);
  }
}
