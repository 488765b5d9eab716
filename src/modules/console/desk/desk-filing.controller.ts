import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, OperatorPrincipal } from '../../identity';
import { Page } from '../../web';
import { DeskFilingService } from './desk-filing.service';
import { DeskWithdrawalService } from './desk-withdrawal.service';

const WIZARD = 'cittadini/:codiceFiscale/servizi/:key/domanda';

/** Filing on a citizen's behalf with the portal's wizard, and the receipt printed at the desk. Operators only. */
@ApiExcludeController()
@Controller('console')
@Page('operator')
export class DeskFilingController {
  constructor(
    private readonly filing: DeskFilingService,
    private readonly withdrawal: DeskWithdrawalService,
  ) {}

  @Get(WIZARD)
  @Render('portal/domanda')
  async page(@CurrentPrincipal() op: OperatorPrincipal, @Param('codiceFiscale') cf: string, @Param('key') key: string, @Query('passo') step: unknown): Promise<object> {
    return { consoleNav: 'sportello', ...(await this.filing.page(op, cf, key, step)) };
  }

  @Put(`${WIZARD}/bozza`)
  @HttpCode(200)
  saveDraft(@CurrentPrincipal() op: OperatorPrincipal, @Param('codiceFiscale') cf: string, @Param('key') key: string, @Body() body: unknown): Promise<object> {
    return this.filing.saveDraft(op, cf, key, body);
  }

  /** Filepicker files (`?campo=`) and the delega (`/delega`), sent by the page scripts as the raw body. */
  @Post([`${WIZARD}/allegati`, `${WIZARD}/delega`])
  @HttpCode(201)
  upload(
    @CurrentPrincipal() op: OperatorPrincipal,
    @Param('codiceFiscale') cf: string,
    @Param('key') key: string,
    @Query('campo') field: unknown,
    @Headers('x-file-name') fileName: string | undefined,
    @Req() req: Request,
  ): Promise<object> {
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const name = fileName ? safeDecode(fileName) : '';
    return this.filing.upload(op, cf, key, { field: req.path.endsWith('/delega') ? 'delega' : field, fileName: name, declaredType: req.get('content-type') ?? undefined, bytes });
  }

  @Get(`${WIZARD}/riepilogo`)
  @Render('console/sportello/riepilogo')
  async summary(@CurrentPrincipal() op: OperatorPrincipal, @Param('codiceFiscale') cf: string, @Param('key') key: string): Promise<object> {
    return { consoleNav: 'sportello', ...(await this.filing.summary(op, cf, key)) };
  }

  @Post(`${WIZARD}/invio`)
  async submit(@CurrentPrincipal() op: OperatorPrincipal, @Param('codiceFiscale') cf: string, @Param('key') key: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const outcome = await this.filing.submit(op, cf, key, body ?? {}, req.ip);
    if ('view' in outcome) return res.status(422).render('console/sportello/riepilogo', { consoleNav: 'sportello', ...outcome.view });
    res.redirect(303, `/console/cittadini/${encodeURIComponent(cf.trim().toUpperCase())}/pratiche/${outcome.caseId}/ricevuta?inviata=1`);
  }

  @Get('cittadini/:codiceFiscale/pratiche/:id/ricevuta')
  @Render('console/sportello/ricevuta')
  async receipt(@CurrentPrincipal() op: OperatorPrincipal, @Param('codiceFiscale') cf: string, @Param('id') id: string, @Query('inviata') filed: unknown): Promise<object> {
    return { consoleNav: 'sportello', filed: filed === '1', ...(await this.filing.receiptPage(op, cf, id)) };
  }

  @Get('cittadini/:codiceFiscale/pratiche/:id/ritiro')
  @Render('console/sportello/ritiro')
  async withdrawalPage(@CurrentPrincipal() op: OperatorPrincipal, @Param('codiceFiscale') cf: string, @Param('id') id: string): Promise<object> {
    return { consoleNav: 'sportello', ...(await this.withdrawal.page(op, cf, id)) };
  }

  @Post('cittadini/:codiceFiscale/pratiche/:id/ritiro')
  async withdraw(@CurrentPrincipal() op: OperatorPrincipal, @Param('codiceFiscale') cf: string, @Param('id') id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const outcome = await this.withdrawal.withdraw(op, cf, id, body ?? {}, req.ip);
    if ('view' in outcome) return res.status(422).render('console/sportello/ritiro', { consoleNav: 'sportello', ...outcome.view });
    res.redirect(303, outcome.href);
  }

  @Get('cittadini/:codiceFiscale/pratiche/:id/ricevuta.pdf')
  async receiptPdf(@CurrentPrincipal() op: OperatorPrincipal, @Param('codiceFiscale') cf: string, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const { document, bytes } = await this.filing.receiptPdf(op, cf, id);
    res.status(200).type('application/pdf').set('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(document.name)}`).send(bytes);
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
