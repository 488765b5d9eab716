import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { safeReturnPath } from '../web';
import { parseLevel } from './citizen-levels';
import { OidcRelyingPartyService } from './oidc-relying-party.service';

/** Gives the login page its "Entra con SPID" / "Entra con CIE" buttons, carrying the level asked and the return path. */
@Injectable()
export class LoginButtonsMiddleware implements NestMiddleware {
  constructor(private readonly rp: OidcRelyingPartyService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const level = parseLevel(req.query.livello) ?? 2;
    const back = safeReturnPath(req.query.ritorno) ?? '/area-personale';
    res.locals.citizenLevelRequired = req.query.livello !== undefined ? level : null;
    res.locals.citizenProviders = this.rp.providers().map((p) => ({
      kind: p.kind,
      label: p.label,
      href: `/accesso/oidc/${p.id}?${new URLSearchParams({ livello: String(level), ritorno: back }).toString()}`,
    }));
    next();
  }
}
