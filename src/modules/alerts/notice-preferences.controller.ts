import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainException } from '../../common';
import { CitizenPrincipal, CurrentPrincipal } from '../identity';
import { Page } from '../web';
import { ALERTS_MESSAGES as M } from './alerts.messages';
import { AlertsService, PREFERENCES_PATH } from './alerts.service';

const TITLE = 'Preferenze di notifica';

/**
 * The personal area's notice settings: the channel (App IO or e-mail) and the alert topics,
 * one CSRF-protected form (the web layer checks the token of every page POST).
 */
@ApiExcludeController()
@Controller('area-personale/preferenze')
@Page('citizen')
export class NoticePreferencesController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  async page(@CurrentPrincipal() citizen: CitizenPrincipal, @Query('salvate') saved: unknown, @Res() res: Response): Promise<void> {
    await this.render(res, citizen, 200, { saved: saved === '1' ? M.preferences.saved : null });
  }

  @Post()
  async save(@CurrentPrincipal() citizen: CitizenPrincipal, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    try {
      await this.alerts.savePreferences(citizen, { channel: body.canale, topics: body.argomenti });
    } catch (e) {
      if (!(e instanceof DomainException) || e.kind !== 'invalid') throw e;
      const errorFor = Object.fromEntries((e.details.fieldErrors ?? []).map((f) => [f.field, f.message]));
      return this.render(res, citizen, 400, { errorFor, errors: true });
    }
    res.redirect(303, `${PREFERENCES_PATH}?salvate=1`);
  }

  private async render(res: Response, citizen: CitizenPrincipal, status: number, extra: object): Promise<void> {
    const prefs = await this.alerts.preferences(citizen);
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).render('portal/preferenze', {
      title: TITLE,
      breadcrumbs: [{ label: 'Area personale', href: '/area-personale' }, { label: TITLE }],
      channelIo: prefs.channel === 'io',
      channelEmail: prefs.channel === 'email',
      email: citizen.email ?? null,
      topics: prefs.topics,
      ...extra,
    });
  }
}
