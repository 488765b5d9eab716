import { Body, Controller, Get, Param, Post, Redirect, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CitizenPrincipal, CurrentPrincipal } from '../identity';
import { Page } from '../web';
import { CaseActionsService } from './case-actions.service';
import { PersonalAreaService } from './personal-area.service';

/** The case page's forms (CSRF checked by the web layer): each post redirects back to the case page with a notice. */
@ApiExcludeController()
@Controller('area-personale/pratiche/:id')
@Page('citizen')
export class CaseActionsController {
  constructor(
    private readonly actions: CaseActionsService,
    private readonly area: PersonalAreaService,
  ) {}

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

  @Post('ritiro')
  @Redirect()
  async withdraw(@CurrentPrincipal() citizen: CitizenPrincipal, @Param('id') id: string, @Body() body: Record<string, unknown>) {
    return back(id, await this.actions.withdraw(citizen, id, body.conferma), 'esito');
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
