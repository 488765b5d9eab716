import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config';
import { CasesModule } from '../cases';
import { CatalogueModule } from '../catalogue';
import { ProtocolModule } from '../protocol';
import { AnprModule } from '../anpr';
import { ActIssuer } from './acts/act-issuer';
import { ActNotice } from './acts/act-notice';
import { ActRequestsRepository } from './acts/act-requests.repository';
import { RenderActHandler } from './acts/render-act.handler';
import { NotificationsModule } from '../notifications';
import { AttachmentsController } from './attachments.controller';
import { CaseDocumentsController, DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { AttachmentsFilingListener } from './handlers/attachments-filing.listener';
import { ReceiptEmailAttachment } from './handlers/receipt-email.attachment';
import { UnfiledUploadsPurge } from './handlers/unfiled-uploads.purge';
import { DatabaseDocumentStorage } from './storage/database-document-storage.adapter';
import { DOCUMENT_STORAGE, DocumentStorage } from './storage/document-storage.port';
import { FolderDocumentStorage } from './storage/folder-document-storage.adapter';
import { UploadInterceptor } from './upload.interceptor';
import { IssueReceiptUseCase } from './use-cases/issue-receipt.use-case';
import { StoreIssuedUseCase } from './use-cases/store-issued.use-case';
import { StoreUploadUseCase } from './use-cases/store-upload.use-case';

/** Uploads, receipts (later acts), storage behind DOCUMENT_STORAGE chosen by DOCUMENTS_STORAGE. */
@Module({
  imports: [CasesModule, CatalogueModule, ProtocolModule, NotificationsModule, AnprModule],
  controllers: [AttachmentsController, DocumentsController, CaseDocumentsController],
  providers: [
    {
      provide: DOCUMENT_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig): DocumentStorage => (c.DOCUMENTS_STORAGE === 'folder' ? new FolderDocumentStorage(c) : new DatabaseDocumentStorage(c)),
    },
    DocumentsRepository,
    StoreUploadUseCase,
    IssueReceiptUseCase,
    StoreIssuedUseCase,
    ActRequestsRepository,
    RenderActHandler,
    ActIssuer,
    ActNotice,
    DocumentsService,
    AttachmentsFilingListener,
    ReceiptEmailAttachment,
    UnfiledUploadsPurge,
    UploadInterceptor,
  ],
  exports: [DocumentsService, UnfiledUploadsPurge, DOCUMENT_STORAGE, StoreIssuedUseCase, ActIssuer],
})
export class DocumentsModule {}
