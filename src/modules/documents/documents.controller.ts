import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Page, parsePageRequest } from '../../common';
import { CitizenPrincipal, CurrentPrincipal, Principal, Public, Roles } from '../identity';
import { ApiProblems, DocumentPageResponseDto, DocumentResponseDto, VerificationResponseDto } from './dto/document.response.dto';
import { DocumentsService } from './documents.service';
import { DocumentView, DocumentViewer, VerificationView } from './documents.types';

/** Documents: the citizen's list, downloads, and the public verification of issued PDFs. */
@ApiTags('documenti')
@ApiBearerAuth()
@Controller('api/v1/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  /** The personal area's Documenti: filed attachments, receipts and acts of the citizen's cases, newest first. */
  @Get()
  @Roles('citizen')
  @ApiOkResponse({ type: DocumentPageResponseDto })
  @ApiProblems([400, 'COMMON_BAD_PAGINATION'], [401, 'not logged in'], [403, 'not a citizen'])
  mine(@CurrentPrincipal() principal: CitizenPrincipal, @Query() query: Record<string, string>): Promise<Page<DocumentView>> {
    return this.documents.listForCitizen(principal.fiscalCode, parsePageRequest(query));
  }

  /** Public: type, date, protocol number and digest of an issued document, and whether it is intact. No personal data. */
  @Get('verify/:code')
  @Public()
  @ApiOkResponse({ type: VerificationResponseDto })
  @ApiProblems([404, 'DOCUMENT_VERIFICATION_NOT_FOUND: no document has this code'])
  verify(@Param('code') code: string): Promise<VerificationView> {
    return this.documents.verify(code);
  }

  /** The file itself: for its owner, operators of the case's office and administrators (anyone else: 404). */
  @Get(':id')
  @Roles('citizen', 'operator', 'admin')
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOkResponse({ description: 'The bytes, with Content-Type, Content-Disposition and the SHA-256 in Digest', schema: { type: 'string', format: 'binary' } })
  @ApiProblems([401, 'not logged in'], [404, 'DOCUMENT_NOT_FOUND: no such document, or not yours to read'])
  async download(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { document, bytes } = await this.documents.read(id, viewerOf(principal));
    res.setHeader('Digest', `sha-256=${Buffer.from(document.sha256, 'hex').toString('base64')}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(bytes, {
      type: document.mediaType,
      length: bytes.length,
      disposition: `attachment; filename="${asciiName(document.name)}"; filename*=UTF-8''${encodeURIComponent(document.name)}`,
    });
  }
}

/** A case's documents and its receipt, under the case's own access rules. */
@ApiTags('pratiche')
@ApiBearerAuth()
@Controller('api/v1/cases/:id')
export class CaseDocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('documents')
  @Roles('citizen', 'operator', 'admin')
  @ApiOkResponse({ type: [DocumentResponseDto] })
  @ApiProblems([401, 'not logged in'], [404, 'CASE_NOT_FOUND: no such case, or not yours to see'])
  list(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<DocumentView[]> {
    return this.documents.listForCaseAs(id, viewerOf(principal));
  }

  /** The PDF receipt (rendered and stored on first request); download it from /api/v1/documents/{id}. */
  @Get('receipt')
  @Roles('citizen', 'operator', 'admin')
  @ApiOkResponse({ type: DocumentResponseDto })
  @ApiProblems([401, 'not logged in'], [404, 'CASE_NOT_FOUND'], [409, 'DOCUMENT_NOT_READY: the case has no protocol number yet'])
  async receipt(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<DocumentView> {
    return this.documents.receiptForAs(id, viewerOf(principal));
  }
}

function viewerOf(p: Principal): DocumentViewer {
  switch (p.kind) {
    case 'citizen':
      return { kind: 'citizen', fiscalCode: p.fiscalCode };
    case 'operator':
      return { kind: 'operator', offices: p.offices };
    default:
      return { kind: 'admin' };
  }
}

const asciiName = (name: string): string => name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
