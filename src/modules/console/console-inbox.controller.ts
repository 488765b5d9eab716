import { Body, Controller, Get, Ip, Param, Post, Query, Redirect, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, OperatorPrincipal } from '../identity';
import { Page } from '../web';
import { ConsoleInboxService } from './console-inbox.service';

/** The console inbox (GET filter form, keyset pages, Completed tab), its bulk actions and saved filters. Operators and office heads only. */
@ApiExcludeController()
@Controller('console')
@Page('operator')
export class ConsoleInboxController {
  constructor(private readonly inbox: ConsoleInboxService) {}

  @Get()
  async page(@CurrentPrincipal() p: OperatorPrincipal, @Query() query: Record<string, unknown>, @Ip() ip: string, @Res() res: Response): Promise<void> {
    res.render('console/inbox', await this.inbox.page(p, query, ip));
  }

  /** Bulk claim, or (office heads) bulk assign: one form, one outcome per task. */
  @Post('azioni')
  async bulk(@CurrentPrincipal() p: OperatorPrincipal, @Body() body: Record<string, unknown>, @Ip() ip: string, @Res() res: Response): Promise<void> {
    const outcome = await this.inbox.bulk(p, body ?? {}, ip);
    if ('redirect' in outcome) res.redirect(303, outcome.redirect);
    else res.render('console/esito', outcome.view);
  }

  @Post('filtri')
  @Redirect()
  async saveFilter(@CurrentPrincipal() p: OperatorPrincipal, @Body() body: Record<string, unknown>) {
    return { url: await this.inbox.saveFilter(p, body ?? {}), statusCode: 303 };
  }

  @Post('filtri/:id/elimina')
  @Redirect()
  async deleteFilter(@CurrentPrincipal() p: OperatorPrincipal, @Param('id') id: string) {
    return { url: await this.inbox.deleteFilter(p, id), statusCode: 303 };
  }
}
