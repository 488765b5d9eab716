import { Controller, Get, Param, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, OperatorPrincipal } from '../../identity';
import { Page } from '../../web';
import { CitizenDeskService } from './citizen-desk.service';

/** The front desk: finding a citizen, the citizen-360 and its documents. Operators only. */
@ApiExcludeController()
@Controller('console')
@Page('operator')
export class DeskPagesController {
  constructor(private readonly desk: CitizenDeskService) {}

  @Get('sportello')
  async search(@CurrentPrincipal() operator: OperatorPrincipal, @Query('q') q: unknown, @Res() res: Response): Promise<void> {
    const found = await this.desk.search(q);
    if (found.redirect) return res.redirect(303, found.redirect);
    res.render('console/sportello/ricerca', {
      title: 'Sportello: cerca un cittadino',
      breadcrumbs: [{ label: 'Console', href: '/console' }, { label: 'Sportello' }],
      desk: Boolean(operator.desk),
      consoleNav: 'sportello',
      ...found,
    });
  }

  @Get('cittadini/:codiceFiscale')
  @Render('console/cittadini/cittadino')
  async citizen(@CurrentPrincipal() operator: OperatorPrincipal, @Param('codiceFiscale') cf: string, @Query('ritirata') withdrawn: unknown, @Req() req: Request): Promise<object> {
    return { consoleNav: 'sportello', withdrawn: withdrawn === '1', ...(await this.desk.view(operator, cf, req.ip)) };
  }

  @Get('cittadini/:codiceFiscale/documenti/:id')
  async document(@CurrentPrincipal() operator: OperatorPrincipal, @Param('codiceFiscale') cf: string, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const { document, bytes } = await this.desk.document(operator, cf, id);
    res.status(200).type(document.mediaType).set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(document.name)}`).send(bytes);
  }
}
