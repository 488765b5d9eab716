import { Body, Controller, Get, HttpCode, Inject, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import { DomainException } from '../../common';
import { APP_CONFIG, AppConfig } from '../../config';
import { IdentityInvalidPrincipalException, IdentityLoginFailedException, Principal } from '../identity';
import { csrfTokenOf, Page, safeReturnPath } from '../web';
import { STAFF_LOGIN_MESSAGES as M } from './staff-login.messages';
import { PasswordOutcome, StaffLoginService } from './staff-login.service';
import { STAFF_OIDC_START_PATH, StaffOidcService } from './staff-oidc.service';
import './staff-session';

const PENDING_TTL_MS = 5 * 60 * 1000;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Staff login pages: username and password, then for admins and analysts a TOTP code (enrolment on the first login after an account is created or its second factor reset). */
@ApiExcludeController()
@Controller('accesso/personale')
@Page()
export class StaffLoginController {
  private readonly logger = new Logger('StaffLogin');

  constructor(
    private readonly login: StaffLoginService,
    private readonly staffOidc: StaffOidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  form(@Query('ritorno') ritorno: unknown, @Res() res: Response): void {
    const back = safeReturnPath(ritorno) ?? '';
    res.render('staff-login/password', { title: M.title, ritorno: back, ...this.oidcButton(back) });
  }

  /** Off to the Comune's own OpenID Connect provider (only when STAFF_OIDC_* is configured). */
  @Get('oidc')
  async oidcStart(@Query('ritorno') ritorno: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.staffOidc.enabled) return this.again(res, 404, M.oidcNotConfigured, '', '');
    await this.login.countAttempt(req.ip);
    const started = await this.staffOidc.begin(safeReturnPath(ritorno) ?? '');
    if (!started) return this.again(res, 503, M.oidcUnavailable, '', '');
    req.session.staffOidcPending = started.pending;
    await save(req);
    res.redirect(303, started.url);
  }

  /**
   * The provider's answer: the named user must have an active staff account (never created here;
   * refused and audited otherwise). Admins and analysts give their TOTP code unless the provider
   * asserted a second factor (`amr` with `mfa` or `otp`).
   */
  @Get('oidc/ritorno')
  async oidcCallback(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.staffOidc.enabled) return this.again(res, 404, M.oidcNotConfigured, '', '');
    await this.login.countAttempt(req.ip);
    const pending = req.session.staffOidcPending;
    // One answer per pending login: a replayed callback finds nothing to complete.
    delete req.session.staffOidcPending;
    await save(req);
    if (!pending || Date.now() - pending.since > PENDING_TTL_MS) return this.again(res, 400, M.noPending, '', '');
    const answer = await this.staffOidc.complete(new URL(req.originalUrl, this.config.PUBLIC_BASE_URL), pending);
    if (!answer.ok) {
      this.logger.warn({ reason: answer.reason }, 'staff OIDC login refused');
      return this.again(res, 400, M.oidcFailed, '', '');
    }
    const principal = await this.login.externalPrincipal(answer.username);
    if (!principal) {
      await this.login.recordRefusedExternalLogin(answer.username, req.ip);
      return this.again(res, 403, M.oidcUnknownUser, '', '');
    }
    await this.proceed(req, res, await this.login.secondStep(principal, answer.mfa), pending.ritorno, true);
  }

  @Post()
  @HttpCode(200)
  async password(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.login.countAttempt(req.ip);
    const ritorno = safeReturnPath(body.ritorno) ?? '';
    const [username, password] = [text(body.username).trim(), text(body.password)];
    if (!username || !password) return this.again(res, 400, M.missingCredentials, username, ritorno);
    let outcome;
    try {
      outcome = await this.login.password(username, password);
    } catch (e) {
      if (!(e instanceof DomainException)) throw e;
      return this.again(res, e instanceof IdentityLoginFailedException ? 401 : 423, e instanceof IdentityLoginFailedException ? M.loginFailed : M.accountLocked, username, ritorno);
    }
    await this.proceed(req, res, outcome, ritorno, false);
  }

  /**
   * After the first factor: logged in, or on to the TOTP code (or its enrolment). `external`: the
   * first factor was the Comune's provider, whose assertion of a second factor already counted, and
   * whose users have no Sportello password to change.
   */
  private async proceed(req: Request, res: Response, outcome: PasswordOutcome, ritorno: string, external: boolean): Promise<void> {
    if (outcome.next === 'done') return this.finish(req, res, outcome.principal, ritorno, external, external);
    await regenerate(req);
    req.session.staffPending = { principal: outcome.principal, since: Date.now(), ritorno, ...(outcome.next === 'enrol' ? { secretEnc: outcome.secretEnc } : {}), ...(external ? { external } : {}) };
    // The new session carries a new CSRF token: the page rendered now must use it.
    res.locals.csrfToken = csrfTokenOf(req);
    await save(req);
    if (outcome.next === 'code') return void res.redirect(303, '/accesso/personale/codice');
    // The secret is shown here, once; it is stored (encrypted) only when the first code confirms it.
    // The QR code is an image (data: URL, allowed by the CSP's img-src), so no script draws it.
    const qr = await QRCode.toDataURL(outcome.uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
    res.setHeader('Cache-Control', 'no-store');
    res.render('staff-login/code', { title: M.enrolTitle, enrol: { secret: outcome.secret, uri: outcome.uri, qr, qrAlt: M.qrAlt } });
  }

  @Get('codice')
  codeForm(@Req() req: Request, @Res() res: Response): void {
    if (!this.pending(req)) return void res.redirect(303, '/accesso/personale');
    res.render('staff-login/code', { title: M.codeTitle });
  }

  @Post('codice')
  @HttpCode(200)
  async code(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.login.countAttempt(req.ip);
    const pending = this.pending(req);
    if (!pending) return void res.status(401).render('staff-login/password', { title: M.title, error: M.noPending, ritorno: '' });
    const code = text(body.codice).replace(/\s/g, '');
    const userId = 'userId' in pending.principal ? pending.principal.userId : '';
    const ok = pending.secretEnc ? await this.login.confirmEnrolment(userId, pending.secretEnc, code) : await this.login.code(userId, code);
    if (!ok) return void res.status(401).render('staff-login/code', { title: pending.secretEnc ? M.enrolTitle : M.codeTitle, error: M.codeWrong });
    await this.finish(req, res, pending.principal, pending.ritorno, true, pending.external === true);
  }

  /** The forced change of an administrator's temporary password: nothing else opens until it is done. */
  @Get('nuova-password')
  changeForm(@Req() req: Request, @Res() res: Response): void {
    if (!this.changing(req)) return void res.redirect(303, '/accesso/personale');
    res.setHeader('Cache-Control', 'no-store');
    res.render('staff-login/change-password', { title: M.changeTitle });
  }

  @Post('nuova-password')
  @HttpCode(200)
  async change(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.login.countAttempt(req.ip);
    const changing = this.changing(req);
    if (!changing) return void res.status(401).render('staff-login/password', { title: M.title, error: M.noPending, ritorno: '' });
    try {
      await this.login.changePassword(changing.principal, text(body.password), text(body.conferma), req.ip);
    } catch (e) {
      if (!(e instanceof IdentityInvalidPrincipalException)) throw e;
      const errors = Object.fromEntries((e.details.fieldErrors ?? []).map((f) => [f.field, f.message]));
      return void res.status(400).render('staff-login/change-password', { title: M.changeTitle, error: M.changeInvalid, errors });
    }
    await this.finish(req, res, changing.principal, changing.ritorno, changing.secondFactor, true);
  }

  private changing(req: Request) {
    const p = req.session.staffPasswordChange;
    return p && Date.now() - p.since < PENDING_TTL_MS ? p : undefined;
  }

  private pending(req: Request) {
    const p = req.session.staffPending;
    return p && Date.now() - p.since < PENDING_TTL_MS ? p : undefined;
  }

  private again(res: Response, status: number, error: string, username: string, ritorno: string): void {
    res.status(status).render('staff-login/password', { title: M.title, error, username, ritorno, ...this.oidcButton(ritorno) });
  }

  private oidcButton(ritorno: string): { oidcLabel?: string; oidcHref?: string } {
    if (!this.staffOidc.enabled) return {};
    return { oidcLabel: this.staffOidc.label, oidcHref: `${STAFF_OIDC_START_PATH}${ritorno ? `?${new URLSearchParams({ ritorno })}` : ''}` };
  }

  /** `skipPasswordChange`: the temporary password was just changed, or the login did not use a Sportello password. */
  private async finish(req: Request, res: Response, principal: Principal, ritorno: string, secondFactor: boolean, skipPasswordChange = false): Promise<void> {
    await regenerate(req);
    if (!skipPasswordChange && (await this.login.passwordChangeRequired(principal))) {
      req.session.staffPasswordChange = { principal, since: Date.now(), ritorno, secondFactor };
      await save(req);
      return void res.redirect(303, '/accesso/personale/nuova-password');
    }
    req.session.principal = principal;
    if (secondFactor) req.session.secondFactor = true;
    await save(req);
    await this.login.recordLogin(principal, req.ip);
    res.redirect(303, ritorno || '/');
  }
}

const regenerate = (req: Request): Promise<void> => new Promise((ok, ko) => req.session.regenerate((e: unknown) => (e ? ko(e) : ok())));
const save = (req: Request): Promise<void> => new Promise((ok, ko) => req.session.save((e: unknown) => (e ? ko(e) : ok())));
