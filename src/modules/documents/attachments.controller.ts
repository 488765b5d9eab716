/// <reference types="multer" />
import { Body, Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CitizenPrincipal, CurrentPrincipal, Roles } from '../identity';
import { AttachmentResponseDto, ApiProblems, UploadRequestDto } from './dto/document.response.dto';
import { DocumentInvalidUploadException } from './documents.exceptions';
import { DOCUMENTS_MESSAGES as M } from './documents.messages';
import { DocumentsService } from './documents.service';
import { AttachmentView } from './documents.types';
import { UploadInterceptor } from './upload.interceptor';

/** Uploads for form-js filepicker fields, made before the form is submitted. */
@ApiTags('documenti')
@ApiBearerAuth()
@Controller('api/v1/attachments')
export class AttachmentsController {
  constructor(private readonly documents: DocumentsService) {}

  /** Stores one file for one field; its id goes into the filepicker's value (an array of ids) at submission. */
  @Post()
  @Roles('citizen')
  @UseInterceptors(UploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadRequestDto })
  @ApiCreatedResponse({ type: AttachmentResponseDto, description: 'Stored; not yet part of any case' })
  @ApiProblems(
    [400, 'DOCUMENT_INVALID_UPLOAD: no file, no or malformed field, empty file'],
    [413, 'DOCUMENT_TOO_LARGE: over the size limit for one file or for all unfiled files'],
    [422, 'DOCUMENT_TYPE_NOT_ALLOWED (not PDF/PNG/JPEG by content, or content unlike its name) or DOCUMENT_TOO_MANY'],
  )
  upload(
    @CurrentPrincipal() principal: CitizenPrincipal,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: { field?: unknown } | undefined,
  ): Promise<AttachmentView> {
    const field = typeof body?.field === 'string' ? body.field : '';
    if (!file) throw new DocumentInvalidUploadException('file', M.fileRequired);
    return this.documents.storeUpload({ owner: principal.fiscalCode, field, fileName: Buffer.from(file.originalname, 'latin1').toString('utf8'), declaredType: file.mimetype, bytes: file.buffer });
  }
}
