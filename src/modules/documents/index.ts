export { DocumentsModule } from './documents.module';
export { DocumentsService } from './documents.service';
export { UnfiledUploadsPurge } from './handlers/unfiled-uploads.purge';
export { DOCUMENT_STORAGE } from './storage/document-storage.port';
export type { DocumentStorage } from './storage/document-storage.port';
export * from './documents.exceptions';
export type { AttachmentView, DocumentDigest, DocumentKind, DocumentView, DocumentViewer, UploadRequest, VerificationView } from './documents.types';
export { ACCEPTED_FORMATS, detectFormat } from './content-type';
