import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainException } from '../../../common';
import { Public } from '../../identity';
import { ANPR_NOT_FOUND_CODE, AnprWireAnswer, AnprWireError, subjectToWire } from '../anpr-wire';
import { RESIDENCE_PATH } from '../anpr-http.adapter';
import { DevAnprGuard } from './dev-anpr.guard';
import { FakeAnpr, SubjectChange } from './fake-anpr';
import { SubjectRow } from './fake-anpr.repository';
import { renderRegistryPage } from './registry-page';

const wantsHtml = (req: Request): boolean => (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

/**
 * The development ANPR over HTTP: the residence check as ANPR answers it (JSON, bearer voucher,
 * `listaErrori` on errors, 503 when the fault is on), the registry page, and the drivers tests
 * and demos use (change a subject, switch the fault). Plain forms redirect back to the page.
 */
@Public()
@UseGuards(DevAnprGuard)
// It fakes an external system: not part of Sportello's API document.
@ApiExcludeController()
@Controller('dev-anpr')
export class DevAnprController {
  constructor(private readonly anpr: FakeAnpr) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async page(): Promise<string> {
    return renderRegistryPage(await this.anpr.registry());
  }

  @Post(`api/v1${RESIDENCE_PATH}`)
  async residence(@Body() body: unknown, @Res() res: Response): Promise<void> {
    const cf = (body as { criteriRicerca?: { codiceFiscale?: unknown } } | undefined)?.criteriRicerca?.codiceFiscale;
    try {
      const check = await this.anpr.residence(typeof cf === 'string' ? cf : '');
      if (check.outcome === 'not-found') {
        const error: AnprWireError = { idOperazioneANPR: check.operationId, listaErrori: [{ codiceErroreAnomalia: ANPR_NOT_FOUND_CODE, testoErroreAnomalia: 'Il soggetto non e\u0300 presente in ANPR', tipoErroreAnomalia: 'E' }] };
        res.status(404).json(error);
        return;
      }
      const answer: AnprWireAnswer = { idOperazioneANPR: check.operationId, listaSoggetti: { datiSoggetto: [subjectToWire(check)] } };
      res.status(200).json(answer);
    } catch (e) {
      if (!(e instanceof DomainException)) throw e;
      const status = e.code === 'ANPR_INVALID' ? 400 : e.code === 'ANPR_UNAVAILABLE' ? 503 : 500;
      const error: AnprWireError = { listaErrori: [{ codiceErroreAnomalia: e.code === 'ANPR_INVALID' ? 'EN001' : 'EN999', testoErroreAnomalia: e.message, tipoErroreAnomalia: 'E' }] };
      res.status(status).json(error);
    }
  }

  /** Moves a subject or records a death or emigration (JSON: the subject back; a form: back to the page). */
  @Post('soggetti/:cf')
  @HttpCode(200)
  async change(@Param('cf') cf: string, @Body() body: SubjectChange, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SubjectRow | void> {
    const subject = await this.anpr.change(cf, body ?? {});
    if (wantsHtml(req)) return res.redirect(303, '/dev-anpr');
    return subject;
  }

  /** Switches the fault on (`attivo` true) or off. */
  @Post('guasto')
  @HttpCode(200)
  async fault(@Body() body: { attivo?: unknown }, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ unavailable: boolean } | void> {
    const on = body?.attivo === true || body?.attivo === 'true';
    await this.anpr.setUnavailable(on);
    if (wantsHtml(req)) return res.redirect(303, '/dev-anpr');
    return { unavailable: on };
  }
}
