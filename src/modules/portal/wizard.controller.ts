import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CitizenPrincipal, CurrentPrincipal } from '../identity';
import { Page } from '../web';
import { WizardService } from './wizard.service';

/** The application wizard of a service: steps, draft, summary, filing. Citizens only. */
@ApiExcludeController()
@Controller('servizi/:key/domanda')
@Page('citizen')
export class WizardController {
  constructor(private readonly wizard: WizardService) {}

  @Get()
  @Render('portal/domanda')
  page(@Param('key') key: string, @CurrentPrincipal() citizen: CitizenPrincipal, @Query('passo') step: unknown): Promise<object> {
    return this.wizard.page(key, citizen, step);
  }

  /** Autosave from the wizard's script (JSON, CSRF header). */
  @Put('bozza')
  @HttpCode(200)
  saveDraft(@Param('key') key: string, @CurrentPrincipal() citizen: CitizenPrincipal, @Body() body: unknown): Promise<object> {
    return this.wizard.saveDraft(key, citizen, body);
  }

  @Get('riepilogo')
  @Render('portal/riepilogo')
  summary(@Param('key') key: string, @CurrentPrincipal() citizen: CitizenPrincipal): Promise<object> {
    return this.wizard.summary(key, citizen);
  }

  @Post('invio')
  async submit(@Param('key') key: string, @CurrentPrincipal() citizen: CitizenPrincipal, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const filed = await this.wizard.submit(key, citizen, body ?? {});
    res.redirect(303, `/area-personale/pratiche/${filed.id}?inviata=1`);
  }
}
