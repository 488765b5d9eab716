import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CatalogueService } from '../catalogue';
import { requiredLevel } from './citizen-levels';
import './citizen-session';

/**
 * The wizard of a procedure asks for the procedure's `spidLevel`: a citizen session at a lower level
 * is sent back to log in again at the required level, then returns to the wizard. Sessions without
 * a level come from the development login (refused in production) and pass.
 */
@Injectable()
export class CitizenLevelMiddleware implements NestMiddleware {
  constructor(private readonly catalogue: CatalogueService) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const level = req.session?.citizenLevel;
    const key = /^\/servizi\/([^/]+)\/domanda(?:\/|$)/.exec(req.originalUrl.split('?')[0])?.[1];
    if (req.session?.principal?.kind !== 'citizen' || !level || !key) return next();
    const needed = await this.catalogue
      .get(decodeURIComponent(key))
      .then((p) => requiredLevel(p.spidLevel))
      .catch(() => null);
    if (!needed || level >= needed) return next();
    if (req.method !== 'GET') return void res.status(403).type('text/plain').send('Livello di autenticazione insufficiente.');
    res.redirect(303, `/accesso?${new URLSearchParams({ ritorno: req.originalUrl, livello: String(needed) }).toString()}`);
  }
}
