import { Body, Controller, Get, Ip, Post, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainException } from '../../common';
import { CasesService } from '../cases';
import { Page } from '../web';
import { PORTAL_MESSAGES as M } from './portal.messages';

const PAGE = { title: 'Stato di una pratica', breadcrumbs: [{ label: 'Stato di una pratica' }] };

/** AgID criterion 8: the status of a case from its code and the applicant's codice fiscale, no login. */
@ApiExcludeController()
@Controller('stato-pratica')
@Page()
export class StatusLookupController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  @Render('portal/stato-pratica')
  form(): object {
    return { ...PAGE, values: {} };
  }

  @Post()
  async lookup(@Body() body: Record<string, unknown>, @Ip() ip: string, @Res() res: Response): Promise<void> {
    const code = typeof body.codice === 'string' ? body.codice.trim() : '';
    const fiscalCode = typeof body.codiceFiscale === 'string' ? body.codiceFiscale.trim() : '';
    const errors = [...(code ? [] : [{ field: 'codice', message: M.lookupCode }]), ...(fiscalCode ? [] : [{ field: 'codiceFiscale', message: M.lookupFiscalCode }])];
    const values = { codice: code, codiceFiscale: fiscalCode };
    if (errors.length) return res.status(400).render('portal/stato-pratica', { ...PAGE, values, errors, errorFor: byField(errors) });
    try {
      const found = await this.cases.lookup(code, fiscalCode, ip ?? 'unknown');
      res.render('portal/stato-pratica', { ...PAGE, values, found });
    } catch (e) {
      if (!(e instanceof DomainException) || !['CASE_NOT_FOUND', 'CASE_LOOKUP_RATE_LIMITED'].includes(e.code)) throw e;
      const limited = e.code === 'CASE_LOOKUP_RATE_LIMITED';
      res.status(limited ? 429 : 404).render('portal/stato-pratica', { ...PAGE, values, notFound: !limited, limited, message: limited ? e.message : M.lookupNotFound });
    }
  }
}

const byField = (errors: Array<{ field: string; message: string }>): Record<string, string> => Object.fromEntries(errors.map((e) => [e.field, e.message]));
