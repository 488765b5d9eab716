import { Body, Controller, Get, Param, Post, Redirect, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CitizenPrincipal, CurrentPrincipal } from '../identity';
import { PaymentsService } from '../payments';
import { Page } from '../web';
import { CaseActionsService } from './case-actions.service';
import { PersonalAreaService } from './personal-area.service';
import { PORTAL_MESSAGES as M } from './portal.messages';

/** The case page's forms (CSRF checked by the web layer): each post redirects back to the case page with a notice. */
@ApiExcludeController()
@Controller('area-personale/pratiche/:id')
@Page('citizen')
export class CaseActionsController {
  constructor(
    private readonly actions: CaseActionsService,
    private readonly area: PersonalAreaService,
    private readonly payments: PaymentsService,
  ) {}

  /** The avviso di pagamento (PDF) of one of the case's notices, for the applicant's session. */
  @Get('pagamenti/:nav/avviso')
  async avviso(@CurrentPrincipal() citizen: CitizenPrincipal, @Param('id') id: string, @Param('nav') nav: string, @Res() res: Response): Promise<void> {
    const { name, bytes } = await this.payments.avvisoAs(id, nav, { kind: 'citizen', fiscalCode: citizen.fiscalCode });
    res.status(200).type('application/pdf').set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`).send(bytes);
  }

  @Post('messaggi')
  @Redirect()
  async message(@CurrentPrincipal() citizen: CitizenPrincipal, @Param('id') id: string, @Body() body: Record<string, unknown>) {
    return back(id, await this.actions.postMessage(citizen, id, body.testo), 'messaggi');
  }

  /** The confirmation step before a withdrawal. */
  @Get('ritiro')
  @Render('portal/ritiro')
  confirm(@CurrentPrincipal() citizen: CitizenPrincipal, @Param('id') id: string): Promise<object> {
    return this.area.withdrawalPage(citizen, id);
  }

  /** A reason over the limit shows the confirmation page again with the message on the field and the text kept. */
  @Post('ritiro')
  async withdraw(@CurrentPrincipal() citizen: CitizenPrincipal, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const notice = await this.actions.withdraw(citizen, id, body.conferma, body.motivo);
    if (notice !== 'ritiro-motivo') return res.redirect(303, back(id, notice, 'esito').url);
    const page = await this.area.withdrawalPage(citizen, id);
    res.status(400).render('portal/ritiro', { ...page, reason: body.motivo, reasonError: M.caseNotices['ritiro-motivo'].text });
  }

  @Post('valutazione')
  @Redirect()
  async rate(@CurrentPrincipal() citizen: CitizenPrincipal, @Param('id') id: string, @Body() body: Record<string, unknown>) {
    return back(id, await this.actions.rate(citizen, id, body.stelle, body.commento), 'valutazione');
  }
}

function back(id: string, notice: string, anchor: string): { url: string; statusCode: number } {
  return { url: `/area-personale/pratiche/${encodeURIComponent(id)}?avviso=${notice}#${anchor}`, statusCode: 303 };
}
