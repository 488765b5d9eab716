import { Body, Controller, Get, Headers, HttpCode, Ip, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Page, parsePageRequest } from '../../common';
import { CitizenPrincipal, CurrentPrincipal, Principal, Public, Roles } from '../identity';
import { CaseInvalidRequestException } from './cases.exceptions';
import { CaseLookupRequestDto } from './dto/case-lookup.request.dto';
import { SubmitCaseRequestDto } from './dto/submit-case.request.dto';
import { CasesService } from './cases.service';
import { CaseSummary, CaseView, CaseViewer } from './cases.types';

@ApiTags('pratiche')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  /** Files an application (201, with its protocol number). The same Idempotency-Key returns the same case (200); with another body, 422. */
  @Post()
  @Roles('citizen')
  async submit(
    @CurrentPrincipal() principal: CitizenPrincipal,
    @Body() body: SubmitCaseRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    const { case: view, created } = await this.cases.submit(principal, body ?? {}, { idempotencyKey });
    res.status(created ? 201 : 200).location(`/api/v1/cases/${view.id}`);
    return view;
  }

  @Get()
  @Roles('citizen')
  mine(@CurrentPrincipal() principal: CitizenPrincipal, @Query() query: Record<string, string>): Promise<Page<CaseSummary>> {
    return this.cases.listMine(principal.fiscalCode, parsePageRequest(query));
  }

  /** AgID criterion 8: the case code and the applicant's fiscal code show the status, without logging in. */
  @Post('status')
  @Public()
  @HttpCode(200)
  lookup(@Body() body: CaseLookupRequestDto, @Ip() ip: string): Promise<CaseView> {
    if (typeof body?.code !== 'string' || !body.code.trim()) throw new CaseInvalidRequestException('code', 'indicare il codice della pratica');
    if (typeof body.fiscalCode !== 'string' || !body.fiscalCode.trim()) throw new CaseInvalidRequestException('fiscalCode', 'indicare il codice fiscale');
    return this.cases.lookup(body.code, body.fiscalCode, ip ?? 'unknown');
  }

  @Get(':id')
  @Roles('citizen', 'operator', 'admin')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<CaseView> {
    return this.cases.get(id, viewerOf(principal));
  }
}

function viewerOf(p: Principal): CaseViewer {
  switch (p.kind) {
    case 'citizen':
      return { kind: 'citizen', fiscalCode: p.fiscalCode };
    case 'operator':
      return { kind: 'operator', offices: p.offices };
    default:
      return { kind: 'admin' };
  }
}
