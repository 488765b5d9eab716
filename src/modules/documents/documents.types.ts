/** What the documents module shows of an upload, an issued receipt or act (contract 3). */
export interface AttachmentView {
  id: string;
  /** The form field (data path, list indexes left out) the file was uploaded for. */
  field: string;
  name: string;
  mediaType: string;
  size: number;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
  uploadedAt: Date;
}

export type DocumentKind = 'attachment' | 'receipt' | 'act' | 'payment-notice';

/** What the Comune issues on a case (stored in issued_document). */
export type IssuedKind = Exclude<DocumentKind, 'attachment'>;

export interface DocumentView {
  id: string;
  kind: DocumentKind;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  caseId: string | null;
  createdAt: Date;
  /** Opaque code of the public verification page; null for citizens' uploads. */
  verificationCode: string | null;
}

export interface VerificationView {
  code: string;
  kind: DocumentKind;
  name: string;
  issuedAt: Date;
  sha256: string;
  protocol: { number: string; year: number } | null;
  valid: boolean;
}

/** Who asks to read a document. */
export type DocumentViewer =
  | { kind: 'citizen'; fiscalCode: string }
  | { kind: 'operator'; offices: string[] }
  | { kind: 'admin' };

export interface UploadRequest {
  /** Codice fiscale of the citizen uploading. */
  owner: string;
  field: string;
  fileName: string;
  /** The media type the client declared; the bytes decide. */
  declaredType?: string;
  bytes: Buffer;
}

/** A file as a protocol entry lists it (contract 1's FilingContribution documents). */
export interface DocumentDigest {
  name: string;
  sha256: string;
  mediaType: string;
  size: number;
}
