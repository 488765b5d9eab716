import { Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../config';
import { CatalogueService } from '../catalogue';
import { DEMO_ADMINS, DEMO_ANALYSTS, DEMO_CITIZENS, DEMO_OPERATORS, Principal } from '../identity';
import { devPrincipal, DevLoginQuery } from './dev-login';
import { Page } from './page-auth';
import { safeReturnPath } from './page-errors';
import { WebDevLoginDisabledException } from './web.exceptions';
import { SESSION_COOKIE } from './configure-web';

/** Login page, development login (refused in production) and logout. */
@ApiExcludeController()
@Controller()
@Page()
export class DevLoginController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly catalogue: CatalogueService,
  ) {}

  @Get('accesso')
  login(@Query('ritorno') ritorno: unknown, @Res() res: Response): void {
    const back = safeReturnPath(ritorno) ?? '/area-personale';
    const dev = this.config.NODE_ENV !== 'production';
    const link = (q: Record<string, string>) => `/accesso/sviluppo?${new URLSearchParams({ ...q, ritorno: back }).toString()}`;
    res.render('web/login', {
      title: 'Accedi',
      breadcrumbs: [{ label: 'Accedi' }],
      dev,
      citizens: dev ? DEMO_CITIZENS.map((c) => ({ ...c, href: link({ utente: c.fiscalCode }) })) : [],
      operators: dev
        ? DEMO_OPERATORS.flatMap((o) =>
            o.offices.map((office) => ({
              name: o.name,
              office,
              head: o.headOf.includes(office),
              desk: Boolean(o.desk),
              href: link({ utente: o.userId, ufficio: office, ...(o.headOf.includes(office) ? { ruolo: 'responsabile' } : o.desk ? { ruolo: 'sportello' } : {}) }),
            })),
          )
        : [],
      staff: dev
        ? [...DEMO_ANALYSTS.map((a) => ({ name: a.name, role: 'analista', href: link({ utente: a.userId, ruolo: 'analista' }) })), ...DEMO_ADMINS.map((a) => ({ name: a.name, role: 'amministratore', href: link({ utente: a.userId, ruolo: 'amministratore' }) }))]
        : [],
    });
  }

  @Get('accesso/sviluppo')
  async devLogin(@Query() query: DevLoginQuery & { ritorno?: unknown }, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (this.config.NODE_ENV === 'production') throw new WebDevLoginDisabledException();
    const offices = new Set((await this.catalogue.offices()).map((o) => o.key));
    const principal = devPrincipal(query, (key) => offices.has(key));
    await this.startSession(req, principal);
    res.redirect(303, safeReturnPath(query.ritorno) ?? (principal.kind === 'citizen' ? '/area-personale' : '/'));
  }

  @Post('esci')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const endSession = req.session.endSessionUrl;
    await new Promise<void>((resolve, reject) => req.session.destroy((e: unknown) => (e ? reject(e) : resolve())));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    // A citizen who came through SPID/CIE also leaves the provider's session (RP-initiated logout).
    res.redirect(303, endSession ?? '/');
  }

  /** A new session id at login (no fixation), carrying the principal and a fresh CSRF token. */
  private startSession(req: Request, principal: Principal): Promise<void> {
    return new Promise((resolve, reject) =>
      req.session.regenerate((e: unknown) => {
        if (e) return reject(e);
        req.session.principal = principal;
        // The development login stands in for the full staff login, TOTP included (it is refused in production).
        if (principal.kind !== 'citizen') req.session.secondFactor = true;
        req.session.save((err: unknown) => (err ? reject(err) : resolve()));
      }),
    );
  }
}
