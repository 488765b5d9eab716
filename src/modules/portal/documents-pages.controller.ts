import { Controller, Get, Headers, HttpCode, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DocumentsService } from '../documents';
import { CitizenPrincipal, CurrentPrincipal } from '../identity';
import { Page, WebInvalidInputException } from '../web';
import { PORTAL_MESSAGES as M } from './portal.messages';

/** Uploads from the wizard, the citizen's documents and the public verification of issued PDFs. */
@ApiExcludeController()
@Controller()
export class DocumentsPagesController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('documenti/verifica/:code')
  @Page()
  @Render('portal/verifica')
  async verify(@Param('code') code: string): Promise<object> {
    return { title: 'Verifica di un documento', breadcrumbs: [{ label: 'Verifica di un documento' }], result: await this.documents.verify(code) };
  }

  /** One file for a filepicker field, sent by the wizard's script as the raw body (CSRF header). */
  @Post('servizi/:key/domanda/allegati')
  @Page('citizen')
  @HttpCode(201)
  upload(
    @CurrentPrincipal() citizen: CitizenPrincipal,
    @Query('campo') field: unknown,
    @Headers('x-file-name') fileName: string | undefined,
    @Req() req: Request,
  ): Promise<object> {
    if (typeof field !== 'string' || !field) throw new WebInvalidInputException(M.uploadField, [{ field: 'campo', message: M.uploadField }]);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const name = fileName ? safeDecode(fileName) : '';
    return this.documents.storeUpload({ owner: citizen.fiscalCode, field, fileName: name, declaredType: req.get('content-type') ?? undefined, bytes });
  }

  @Get('area-personale/documenti/:id')
  @Page('citizen')
  async download(@CurrentPrincipal() citizen: CitizenPrincipal, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const { document, bytes } = await this.documents.read(id, { kind: 'citizen', fiscalCode: citizen.fiscalCode });
    res
      .status(200)
      .type(document.mediaType)
      .set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(document.name)}`)
      .send(bytes);
  }

  @Get('area-personale/pratiche/:id/ricevuta')
  @Page('citizen')
  async receipt(@CurrentPrincipal() citizen: CitizenPrincipal, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const receipt = await this.documents.receiptForAs(id, { kind: 'citizen', fiscalCode: citizen.fiscalCode });
    res.redirect(303, `/area-personale/documenti/${receipt.id}`);
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
