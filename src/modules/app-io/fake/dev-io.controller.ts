import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainException } from '../../../common';
import { DEMO_CITIZENS, Public } from '../../identity';
import { IO_FISCAL_CODE } from '../app-io.validation';
import { renderDevIoPage } from './dev-io-page';
import { DevIoGuard } from './dev-io.guard';
import { DevIoAnswer, FakeAppIo, FaultOperation } from './fake-app-io';

const invalid = (field: string, message: string): DomainException =>
  new DomainException('DEV_IO_INVALID', 'invalid', 'Richiesta non valida', { fieldErrors: [{ field, message }] });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The development App IO over HTTP: IO's API under /dev-io/api/v1 (profiles, messages), the
 * inbox page at /dev-io, and controls for tests and demos (put a citizen on or off IO, allow or
 * deny the service, inject faults).
 */
@Public()
@UseGuards(DevIoGuard)
// The development IO fakes an external system: not part of Sportello's API document.
@ApiExcludeController()
@Controller('dev-io')
export class DevIoController {
  constructor(private readonly io: FakeAppIo) {}

  @Post('api/v1/profiles')
  async profileByBody(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.write(req, res, await this.io.profile(isRecord(body) ? body.fiscal_code : undefined));
  }

  @Get('api/v1/profiles/:fiscalCode')
  async profile(@Param('fiscalCode') fiscalCode: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.write(req, res, await this.io.profile(fiscalCode));
  }

  @Post('api/v1/messages')
  async submit(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.write(req, res, await this.io.submit(body));
  }

  @Get('api/v1/messages/:fiscalCode/:id')
  async message(@Param('fiscalCode') fiscalCode: string, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.write(req, res, await this.io.message(fiscalCode, id));
  }

  /** The inbox page: every citizen the development IO knows and the messages each received. */
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async page(): Promise<string> {
    const citizens = await this.io.citizens();
    const on = new Set(citizens.map((c) => c.fiscalCode));
    // Demo citizens off IO get a button to join it.
    return renderDevIoPage(citizens, DEMO_CITIZENS.filter((c) => !on.has(c.fiscalCode)).map((c) => ({ fiscalCode: c.fiscalCode, name: `${c.givenName} ${c.familyName}` })));
  }

  /** The page's buttons: iscrivi (on IO, service allowed), cancella (off IO), consenti / nega (the service). */
  @Post('cittadini/:fiscalCode/:action')
  async pageAction(@Param('fiscalCode') fiscalCode: string, @Param('action') action: string, @Res() res: Response): Promise<void> {
    const state = { iscrivi: { onIo: true }, cancella: { onIo: false }, consenti: { onIo: true, senderAllowed: true }, nega: { onIo: true, senderAllowed: false } }[action];
    if (!state) throw invalid('action', 'valori ammessi: iscrivi, cancella, consenti, nega');
    await this.io.setCitizen(this.fiscalCode(fiscalCode), state);
    res.redirect(303, '/dev-io');
  }

  /** Test control: {"onIo": boolean, "senderAllowed"?: boolean}. */
  @Post('controllo/cittadini/:fiscalCode')
  @HttpCode(204)
  async setCitizen(@Param('fiscalCode') fiscalCode: string, @Body() body: unknown): Promise<void> {
    const b = isRecord(body) ? body : {};
    if (typeof b.onIo !== 'boolean') throw invalid('onIo', 'deve essere vero o falso');
    if (b.senderAllowed !== undefined && typeof b.senderAllowed !== 'boolean') throw invalid('senderAllowed', 'deve essere vero o falso');
    await this.io.setCitizen(this.fiscalCode(fiscalCode), { onIo: b.onIo, senderAllowed: b.senderAllowed as boolean | undefined });
  }

  @Get('controllo/cittadini/:fiscalCode/messaggi')
  async inbox(@Param('fiscalCode') fiscalCode: string): Promise<unknown> {
    return this.io.inbox(this.fiscalCode(fiscalCode));
  }

  /** Test control: {"operation": "profile"|"message", "status": 0|400–599, "count": n, "afterAccept"?: boolean}; status 0 answers nothing until the client gives up. */
  @Post('controllo/guasti')
  @HttpCode(204)
  async fault(@Body() body: unknown): Promise<void> {
    const b = isRecord(body) ? body : {};
    if (b.operation !== 'profile' && b.operation !== 'message') throw invalid('operation', 'valori ammessi: profile, message');
    const status = b.status;
    if (!Number.isInteger(status) || !((status as number) === 0 || ((status as number) >= 400 && (status as number) <= 599))) throw invalid('status', 'deve essere 0 o da 400 a 599');
    if (!Number.isInteger(b.count) || (b.count as number) < 0) throw invalid('count', 'deve essere un intero non negativo');
    if (b.afterAccept !== undefined && typeof b.afterAccept !== 'boolean') throw invalid('afterAccept', 'deve essere vero o falso');
    await this.io.setFault({ operation: b.operation as FaultOperation, status: status as number, count: b.count as number, afterAccept: b.afterAccept as boolean | undefined });
  }

  private fiscalCode(v: string): string {
    if (!IO_FISCAL_CODE.test(v)) throw invalid('fiscalCode', 'codice fiscale non valido');
    return v;
  }

  /** Writes IO's answer; a hang answers nothing and lets the client's timeout fire (the socket closes with the client). */
  private write(req: Request, res: Response, answer: DevIoAnswer): void {
    if (answer.kind === 'hang') {
      req.socket.setTimeout(0);
      return;
    }
    res.status(answer.status).type(answer.status >= 400 ? 'application/problem+json' : 'application/json').send(JSON.stringify(answer.body));
  }
}
