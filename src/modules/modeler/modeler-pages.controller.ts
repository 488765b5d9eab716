import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../identity';
import { ModelerAccess } from './modeler-access';

/** `npm run build` writes the Vite build of modeler-ui/ here. */
export const MODELER_UI_DIST = join(__dirname, '../../../modeler-ui/dist');
const ASSET = /^[A-Za-z0-9._-]+\.(js|css|woff2?|ttf|eot|svg|png)$/;

/**
 * The modeler's pages: one single-page app that reads its route from the URL
 * (`/modeler` list, `/modeler/processi/{key}` diagram editor, `/modeler/moduli/{formKey}` form editor).
 */
@ApiExcludeController()
@Controller('modeler')
export class ModelerPagesController {
  @ModelerAccess()
  @Get()
  list(@Res() res: Response): void {
    sendApp(res);
  }

  @ModelerAccess()
  @Get('processi/:key')
  procedure(@Res() res: Response): void {
    sendApp(res);
  }

  @ModelerAccess()
  @Get('moduli/:formKey')
  form(@Res() res: Response): void {
    sendApp(res);
  }

  /** The built scripts and styles: code only, no catalogue data, so no login is needed to fetch them. */
  @Public()
  @Get('assets/:file')
  @Header('Cache-Control', 'public, max-age=31536000, immutable')
  asset(@Param('file') file: string, @Res() res: Response): void {
    const path = join(MODELER_UI_DIST, 'assets', file);
    if (!ASSET.test(file) || !existsSync(path)) throw new NotFoundException();
    res.sendFile(path);
  }
}

function sendApp(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.sendFile(join(MODELER_UI_DIST, 'index.html'));
}
