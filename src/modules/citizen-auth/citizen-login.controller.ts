import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../config';
import { AuditService } from '../audit';
import { LoginAttemptLimiter } from '../identity';
import { Page, safeReturnPath } from '../web';
import { CITIZEN_AUTH_MESSAGES as M } from './citizen-auth.messages';
import { CitizenLoginFailedException, CitizenLoginInvalidInputException, CitizenLoginRateLimitedException } from './citizen-auth.exceptions';
import { principalOf } from './citizen-identity';
import { parseLevel } from './citizen-levels';
import { OidcRelyingPartyService } from './oidc-relying-party.service';
import './citizen-session';

/** Citizen login over OpenID Connect: off to the chosen SPID/CIE provider, back with a code. */
@ApiExcludeController()
@Controller('accesso/oidc')
@Page()
export class CitizenLoginController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rp: OidcRelyingPartyService,
    private readonly audit: AuditService,
    private readonly attempts: LoginAttemptLimiter,
  ) {}

  /** Both the start and the callback count against the address's limit, shared by every process. */
  private async countAttempt(req: Request): Promise<void> {
    const verdict = await this.attempts.count('oidc', req.ip, this.config.OIDC_LOGIN_RATE_LIMIT);
    if (!verdict.allowed) throw new CitizenLoginRateLimitedException(verdict.retryAfterSeconds);
  }

  /** The state, nonce and PKCE verifier stay in the session; the browser only carries the state. */
  @Get('ritorno')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.countAttempt(req);
    const pending = req.session.citizenLoginPending;
    if (!pending) throw new CitizenLoginFailedException(M.noPendingLogin, 'no pending login');
    // One answer per pending login: a replayed or second callback finds nothing to complete.
    delete req.session.citizenLoginPending;
    await save(req);
    const url = new URL(req.originalUrl, this.config.PUBLIC_BASE_URL);
    const { identity, endSessionUrl } = await this.rp.complete(url, pending);
    await new Promise<void>((resolve, reject) =>
      req.session.regenerate((e: unknown) => {
        if (e) return reject(e);
        req.session.principal = principalOf(identity);
        req.session.citizenLevel = identity.authLevel;
        if (endSessionUrl) req.session.endSessionUrl = endSessionUrl;
        req.session.save((err: unknown) => (err ? reject(err) : resolve()));
      }),
    );
    await this.audit.record({
      actor: { kind: 'citizen', subject: identity.fiscalCode },
      action: 'auth.login',
      resource: { type: 'user', id: identity.fiscalCode },
      channel: 'web',
      address: req.ip ?? null,
    });
    res.redirect(303, pending.returnTo);
  }

  @Get(':provider')
  async start(@Param('provider') provider: string, @Query('livello') livello: unknown, @Query('ritorno') ritorno: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.countAttempt(req);
    const level = livello === undefined ? 2 : parseLevel(livello);
    if (!level) throw new CitizenLoginInvalidInputException(M.badLevel, [{ field: 'livello', message: M.badLevel }]);
    const { url, pending } = await this.rp.begin(provider, level, safeReturnPath(ritorno) ?? '/area-personale');
    req.session.citizenLoginPending = pending;
    await save(req);
    res.redirect(303, url);
  }
}

const save = (req: Request): Promise<void> => new Promise((resolve, reject) => req.session.save((e: unknown) => (e ? reject(e) : resolve())));
