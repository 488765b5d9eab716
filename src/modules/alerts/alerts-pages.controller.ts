import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainException } from '../../common';
import { AdminSessionGuard } from '../admin';
import { Principal, principalOf } from '../identity';
import type { AlertDeliveryCounts } from '../notifications';
import { Page } from '../web';
import { ALERTS_MESSAGES as M } from './alerts.messages';
import { ALERT_SUBJECT_LIMITS, ALERT_TEXT_LIMITS, AlertsService } from './alerts.service';

const HOME = { label: 'Amministrazione', href: '/amministrazione' };
const TITLE = 'Avvisi ai cittadini';

/** Administration pages of targeted alerts: the send form, the latest alerts and each one's delivery. */
@ApiExcludeController()
@Controller('amministrazione/avvisi')
@Page('admin')
@UseGuards(AdminSessionGuard)
export class AlertsPagesController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  async list(@Res() res: Response): Promise<void> {
    await this.renderList(res, 200, {});
  }

  @Post()
  async send(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const input = { topic: body.argomento, subject: body.oggetto, text: body.testo };
    try {
      const alert = await this.alerts.send(principalOf(req) as Principal, input, { channel: 'web', address: req.ip });
      res.redirect(303, `/amministrazione/avvisi/${alert.id}?accodato=${alert.recipients}`);
    } catch (e) {
      if (!(e instanceof DomainException) || e.kind !== 'invalid') throw e;
      const names: Record<string, string> = { topic: 'argomento', subject: 'oggetto', text: 'testo' };
      const errorFor = Object.fromEntries((e.details.fieldErrors ?? []).map((f) => [names[f.field] ?? f.field, f.message]));
      await this.renderList(res, 400, { errors: true, errorFor, values: { oggetto: input.subject, testo: input.text }, chosen: input.topic });
    }
  }

  @Get(':id')
  async alert(@Param('id') id: string, @Query('accodato') queued: unknown, @Res() res: Response): Promise<void> {
    const alert = await this.alerts.status(id);
    const recipients = await this.alerts.recipients(id, undefined, 100, 0);
    res.setHeader('Cache-Control', 'no-store');
    res.render('admin/avviso', {
      title: alert.subject,
      breadcrumbs: [HOME, { label: TITLE, href: '/amministrazione/avvisi' }, { label: alert.subject }],
      alert,
      recipients: recipients.items,
      moreRecipients: recipients.total > recipients.items.length ? recipients.total - recipients.items.length : 0,
      notice: typeof queued === 'string' && /^\d+$/.test(queued) ? M.admin.sent(Number(queued)) : null,
    });
  }

  private async renderList(res: Response, status: number, extra: { chosen?: unknown; [k: string]: unknown }): Promise<void> {
    const topics = await Promise.all(
      this.alerts.topics().map(async (t) => ({ ...t, subscribers: await this.alerts.subscriberCount(t.key), selected: t.key === extra.chosen })),
    );
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).render('admin/avvisi', {
      title: TITLE,
      breadcrumbs: [HOME, { label: TITLE }],
      topics,
      alerts: (await this.alerts.recent()).map((a) => ({ ...a, totals: totalsOf(a.delivery) })),
      limits: { subject: ALERT_SUBJECT_LIMITS, text: ALERT_TEXT_LIMITS },
      ...extra,
    });
  }
}

/** Queued, sent and failed over every channel. */
function totalsOf(d: AlertDeliveryCounts): { queued: number; sent: number; failed: number } {
  const all = [d.io, d.email, d.unassigned];
  return { queued: all.reduce((n, c) => n + c.queued, 0), sent: all.reduce((n, c) => n + c.sent, 0), failed: all.reduce((n, c) => n + c.failed, 0) };
}
