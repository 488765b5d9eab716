import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CaseViewer } from '../cases';
import { ApiProblems } from '../../common';
import { AUTH_PROBLEMS, CurrentPrincipal, Principal, Roles } from '../identity';
import { PaymentResponseDto } from './dto/pagopa.dto';
import { PAYMENTS_MESSAGES as M } from './payments.messages';
import { PaymentsService } from './payments.service';
import type { PaymentView } from './payments.types';

/** A case's fees (pagoPA notices) and their state, under the case's own access rules. */
@ApiTags('pratiche')
@ApiBearerAuth()
@Controller('api/v1/cases/:id/payments')
export class CasePaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Get()
  @Roles('citizen', 'operator', 'admin')
  @ApiOperation({ summary: 'I pagamenti di una pratica', description: "The case's pagoPA notices and their state; visible to whoever may see the case." })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [PaymentResponseDto] })
  @ApiProblems({ 400: ['CASE_INVALID_REQUEST'], 404: ['CASE_NOT_FOUND'] }, AUTH_PROBLEMS)
  list(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<PaymentView[]> {
    return this.payments.listForCaseAs(id, viewerOf(principal));
  }

  /** The avviso di pagamento (PDF/A) of one of the case's notices, with the pagoPA QR code. */
  @Get(':nav/avviso')
  @Roles('citizen', 'operator', 'admin')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: "L'avviso di pagamento pagoPA (PDF)", description: 'PDF/A with the pagoPA QR code of one of the case\'s notices.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'nav', description: 'Numero avviso (18 cifre)' })
  @ApiOkResponse({ description: 'The avviso PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems({ 400: ['CASE_INVALID_REQUEST'], 404: { CASE_NOT_FOUND: 'Pratica non trovata', PAYMENT_NOTICE_NOT_FOUND: M.noticeNotFound } }, AUTH_PROBLEMS)
  async avviso(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('nav') nav: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { name, bytes } = await this.payments.avvisoAs(id, nav, viewerOf(principal));
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(bytes, { type: 'application/pdf', length: bytes.length, disposition: `attachment; filename="${name}"` });
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
