import { Body, Controller, Get, Headers, HttpCode, Ip, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiPageQuery, ApiProblems, Page, PageDto, parsePageRequest } from '../../common';
import { apiAuditRecord, AuditService } from '../audit';
import { AUTH_PROBLEMS, CitizenPrincipal, CurrentPrincipal, IdentityForbiddenException, isPersonalDataView, Principal, Public, Roles } from '../identity';
import { CaseInvalidRequestException } from './cases.exceptions';
import { CaseLookupRequestDto } from './dto/case-lookup.request.dto';
import { CaseDto, CaseSummaryDto } from './dto/case.response.dto';
import { SubmitCaseRequestDto } from './dto/submit-case.request.dto';
import { CasesService } from './cases.service';
import { CaseSummary, CaseView, CaseViewer } from './cases.types';
import { CASE_MESSAGES as M } from './cases.messages';

const NOT_FOUND = { CASE_NOT_FOUND: M.notFound };
const INVALID = { CASE_INVALID_REQUEST: M.invalidRequest, REQUEST_ENTITY_PARSE_FAILED: 'Il contenuto inviato non è un JSON valido' };

@ApiTags('pratiche')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly audit: AuditService,
  ) {}

  /** Files an application (201, with its protocol number). The same Idempotency-Key returns the same case (200); with another body, 422. */
  @Post()
  @Roles('citizen')
  @ApiOperation({ summary: 'Presenta una domanda', description: 'Files an application as the authenticated citizen. A retried request with the same Idempotency-Key returns the same case with 200.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: "8-128 characters among letters, digits, '-' and '_'", example: 'domanda-2026-03-02-001' })
  @ApiCreatedResponse({ type: CaseDto, description: 'Pratica creata', headers: { Location: { description: 'URL of the case', schema: { type: 'string' } } } })
  @ApiOkResponse({ type: CaseDto, description: 'Same Idempotency-Key as an earlier request: the case filed then' })
  @ApiProblems(
    {
      400: INVALID,
      404: { CATALOGUE_PROCEDURE_NOT_FOUND: 'Procedimento "certificato-residenza" non trovato nel catalogo' },
      413: { REQUEST_ENTITY_TOO_LARGE: 'Il contenuto inviato supera la dimensione massima consentita' },
      422: { FORMS_INVALID_SUBMISSION: 'I dati della domanda non sono validi' },
    },
    AUTH_PROBLEMS,
  )
  async submit(
    @CurrentPrincipal() principal: CitizenPrincipal,
    @Body() body: SubmitCaseRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @Ip() ip: string,
  ): Promise<CaseView> {
    const { case: view, created } = await this.cases.submit(principal, body ?? {}, { idempotencyKey });
    // Recorded once the filing committed (filing owns its transaction; see the identity notes).
    if (created) await this.audit.record(apiAuditRecord(principal, ip, 'case.file', 'case', view.id));
    res.status(created ? 201 : 200).location(`/api/v1/cases/${view.id}`);
    return view;
  }

  @Get()
  @Roles('citizen')
  @ApiOperation({ summary: 'Le mie pratiche', description: "The citizen's cases, newest first, offset-paginated." })
  @ApiPageQuery()
  @ApiOkResponse({ type: PageDto(CaseSummaryDto) })
  @ApiProblems({ 400: { COMMON_BAD_PAGINATION: 'Parametri di paginazione non validi' } }, AUTH_PROBLEMS)
  mine(@CurrentPrincipal() principal: CitizenPrincipal, @Query() query: Record<string, string>): Promise<Page<CaseSummary>> {
    return this.cases.listMine(principal.fiscalCode, parsePageRequest(query));
  }

  /** AgID criterion 8: the case code and the applicant's fiscal code show the status, without logging in. */
  @Post('status')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Stato di una pratica', description: 'Public: the case code and the applicant fiscal code; at most 20 attempts per client every 10 minutes.' })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems({ 400: INVALID, 404: NOT_FOUND, 429: { CASE_LOOKUP_RATE_LIMITED: M.lookupRateLimited } })
  lookup(@Body() body: CaseLookupRequestDto, @Ip() ip: string): Promise<CaseView> {
    if (typeof body?.code !== 'string' || !body.code.trim()) throw new CaseInvalidRequestException('code', 'indicare il codice della pratica');
    if (typeof body.fiscalCode !== 'string' || !body.fiscalCode.trim()) throw new CaseInvalidRequestException('fiscalCode', 'indicare il codice fiscale');
    return this.cases.lookup(body.code, body.fiscalCode, ip ?? 'unknown');
  }

  @Get(':id')
  @Roles('citizen', 'operator', 'admin', 'service')
  @ApiOperation({
    summary: 'Una pratica',
    description: 'Its citizen, the operators of its office, service accounts with `cases:read` on its office (and procedure) and administrators see it; anybody else gets 404.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems({ 400: INVALID, 404: NOT_FOUND }, AUTH_PROBLEMS)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Ip() ip: string): Promise<CaseView> {
    // A staff member reading a case sees personal data: audited with the read.
    if (principal.kind === 'service' || !isPersonalDataView(principal)) return this.cases.get(id, viewerOf(principal));
    return this.audit.audited(apiAuditRecord(principal, ip, 'case.view', 'case', id), () => this.cases.get(id, viewerOf(principal)));
  }
}

function viewerOf(p: Principal): CaseViewer {
  switch (p.kind) {
    case 'citizen':
      return { kind: 'citizen', fiscalCode: p.fiscalCode };
    case 'operator':
      return { kind: 'operator', offices: p.offices };
    case 'service':
      if (!p.scopes.includes('cases:read')) throw new IdentityForbiddenException();
      return { kind: 'service', offices: p.offices, procedures: p.procedures };
    case 'admin':
      return { kind: 'admin' };
    default:
      throw new IdentityForbiddenException();
  }
}
