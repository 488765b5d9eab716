import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, OperatorPrincipal } from '../../identity';
import { Page } from '../../web';
import { OfficeViewsService } from './office-views.service';

/** `/console/ufficio`: the office head's views and the CSV of procedure durations. Heads only (checked by the service). */
@ApiExcludeController()
@Controller('console/ufficio')
@Page('operator')
export class OfficeViewsController {
  constructor(private readonly views: OfficeViewsService) {}

  @Get()
  async dashboard(@CurrentPrincipal() head: OperatorPrincipal, @Query('ufficio') office: unknown, @Query('periodo') period: unknown, @Res() res: Response): Promise<void> {
    res.render('console/ufficio/ufficio', { consoleNav: 'ufficio', ...(await this.views.dashboard(head, office, period)) });
  }

  @Get('tempi.csv')
  async csv(@CurrentPrincipal() head: OperatorPrincipal, @Query('ufficio') office: unknown, @Query('periodo') period: unknown, @Res() res: Response): Promise<void> {
    const { fileName, body } = await this.views.durationsCsv(head, office, period);
    res.status(200).type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="${fileName}"`).send(body);
  }
}
