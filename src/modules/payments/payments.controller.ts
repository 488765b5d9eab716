import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CaseViewer } from '../cases';
import { CurrentPrincipal, Principal, Roles } from '../identity';
import { ApiProblems, PaymentResponseDto } from './dto/pagopa.dto';
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
  @ApiOkResponse({ type: [PaymentResponseDto] })
  @ApiProblems([401, 'not logged in'], [404, 'CASE_NOT_FOUND: no such case, or not yours to see'])
  list(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<PaymentView[]> {
    return this.payments.listForCaseAs(id, viewerOf(principal));
  }

  /** The avviso di pagamento (PDF/A) of one of the case's notices, with the pagoPA QR code. */
  @Get(':nav/avviso')
  @Roles('citizen', 'operator', 'admin')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The avviso PDF', schema: { type: 'string', format: 'binary' } })
  @ApiProblems([401, 'not logged in'], [404, 'CASE_NOT_FOUND or PAYMENT_NOTICE_NOT_FOUND'])
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
