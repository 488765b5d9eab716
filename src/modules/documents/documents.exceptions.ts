import { DomainException, FieldError } from '../../common';
import { DOCUMENTS_MESSAGES as M } from './documents.messages';

/** Contract 3's error codes; each names the field in `details.field` and in the field errors. */
export class DocumentTooLargeException extends DomainException {
  constructor(field: string, message: string) {
    super('DOCUMENT_TOO_LARGE', 'too-large', message, { field, fieldErrors: [{ field, message }] });
  }
}

export class DocumentTypeNotAllowedException extends DomainException {
  constructor(field: string, message: string) {
    super('DOCUMENT_TYPE_NOT_ALLOWED', 'unprocessable', message, { field, fieldErrors: [{ field, message }] });
  }
}

export class DocumentTooManyException extends DomainException {
  constructor(field: string, message: string) {
    super('DOCUMENT_TOO_MANY', 'unprocessable', message, { field, fieldErrors: [{ field, message }] });
  }
}

export class DocumentNotFoundException extends DomainException {
  constructor(id: string, field = 'id') {
    super('DOCUMENT_NOT_FOUND', 'not-found', M.notFound, { id, field });
  }
}

export class DocumentInvalidUploadException extends DomainException {
  constructor(field: string, message: string) {
    super('DOCUMENT_INVALID_UPLOAD', 'invalid', message, { field, fieldErrors: [{ field, message }] });
  }
}

/** Filing refused: a filepicker value names uploads that are not the applicant's, for that field, unfiled. */
export class DocumentInvalidAttachmentsException extends DomainException {
  constructor(fieldErrors: FieldError[]) {
    super('DOCUMENT_INVALID_ATTACHMENTS', 'unprocessable', M.invalidAttachments, { fieldErrors });
  }
}

export class DocumentNotReadyException extends DomainException {
  constructor(caseId: string) {
    super('DOCUMENT_NOT_READY', 'conflict', M.receiptNotReady, { caseId });
  }
}

export class DocumentVerificationNotFoundException extends DomainException {
  constructor(code: string) {
    super('DOCUMENT_VERIFICATION_NOT_FOUND', 'not-found', M.verificationNotFound, { code });
  }
}

/** A `documents.render` step the diagram got wrong (no case, unknown template): an incident naming the property. */
export class DocumentInvalidActException extends DomainException {
  constructor(fieldErrors: FieldError[]) {
    super('DOCUMENT_INVALID_ACT', 'invalid', fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '), { fieldErrors });
  }
}
