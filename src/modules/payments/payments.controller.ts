import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
