import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config';
import { Transactions } from '../../database';
import { AuditService } from '../audit';
import { LoginAttemptLimiter, Principal, principalSubject, StaffAuthService } from '../identity';
import { PgSessionStore } from '../web';
import { StaffLoginRateLimitedException } from './staff-login.exceptions';
import { StaffLoginRepository } from './staff-login.repository';
import { newTotpSecret, otpauthUri, totpStep, verifyTotp } from './totp';
import { TotpCipher } from './totp-cipher';

/** Kinds that must give a second factor. */
const SECOND_FACTOR: ReadonlyArray<Principal['kind']> = ['admin', 'analyst'];

export type PasswordOutcome =
  | { next: 'done'; principal: Principal }
  | { next: 'code'; principal: Principal }
  | { next: 'enrol'; principal: Principal; secret: string; secretEnc: string; uri: string };

/**
 * Staff login: password (StaffAuthService, with its lock-out), then for admins and analysts a TOTP
 * code. Every attempt counts against a per-client limit in PostgreSQL, shared by all processes.
 */
@Injectable()
export class StaffLoginService {
  private readonly repo: StaffLoginRepository;
  private readonly cipher: TotpCipher;

  constructor(
    private readonly tx: Transactions,
    private readonly staff: StaffAuthService,
    private readonly audit: AuditService,
    private readonly attempts: LoginAttemptLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: PgSessionStore,
  ) {
    this.repo = new StaffLoginRepository(tx);
    this.cipher = TotpCipher.fromConfig(config);
  }

  /** Counts one attempt from this address; refuses (with when to retry) beyond LOGIN_RATE_LIMIT per window. */
  async countAttempt(address: string | undefined, now = new Date()): Promise<void> {
    const verdict = await this.attempts.count('staff', address, this.config.LOGIN_RATE_LIMIT, now);
    if (!verdict.allowed) throw new StaffLoginRateLimitedException(verdict.retryAfterSeconds);
  }

  /** The password step. Throws the identity module's login-failed / locked exceptions. */
  async password(username: string, password: string): Promise<PasswordOutcome> {
    return this.secondStep(await this.staff.login(username, password), false);
  }

  /**
   * What follows a first factor: nothing for operators, or when the identity provider asserted a
   * second factor (`mfaAsserted`); otherwise the TOTP code, or its enrolment.
   */
  async secondStep(principal: Principal, mfaAsserted: boolean): Promise<PasswordOutcome> {
    if (mfaAsserted || !SECOND_FACTOR.includes(principal.kind)) return { next: 'done', principal };
    if (await this.repo.totpOf(principalSubject(principal))) return { next: 'code', principal };
    // No active second factor (a new account, or reset by an administrator): enrol now. The secret is
    // shown once and stored only when a code from it confirms it (confirmEnrolment).
    const secret = newTotpSecret();
    return { next: 'enrol', principal, secret, secretEnc: this.cipher.encrypt(secret), uri: otpauthUri(this.config.COMUNE_NAME, principalSubject(principal), secret) };
  }

  /** The code step for an enrolled user: true when the code is right and not used before. */
  async code(userId: string, code: string, now = new Date()): Promise<boolean> {
    const row = await this.repo.totpOf(userId);
    if (!row) return false;
    const step = verifyTotp(this.cipher.decrypt(row.secret_enc), code, now, row.last_step === null ? null : Number(row.last_step));
    return step !== null && (await this.repo.useStep(userId, step));
  }

  /** Confirms an enrolment: the first code from the new secret stores it (encrypted). */
  async confirmEnrolment(userId: string, secretEnc: string, code: string, now = new Date()): Promise<boolean> {
    const step = verifyTotp(this.cipher.decrypt(secretEnc), code, now, null);
    if (step === null) return false;
    return this.tx.run(() => this.repo.enrol(userId, secretEnc, step));
  }

  /** Whether the user has an active second factor. */
  async hasTotp(userId: string): Promise<boolean> {
    return (await this.repo.totpOf(userId)) !== undefined;
  }

  /** Drops the user's second factor (an administrator's reset): the next login enrols again. True when there was one. */
  resetTotp(userId: string): Promise<boolean> {
    return this.repo.remove(userId);
  }

  /** Whether the user logs in with an administrator's temporary password and must choose their own first. */
  passwordChangeRequired(principal: Principal): Promise<boolean> {
    return 'userId' in principal ? this.staff.passwordChangeRequired(principal.userId) : Promise.resolve(false);
  }

  /**
   * The forced change of a temporary password, in one transaction: the new password (policy
   * checked, never the temporary one again), every page session of the user ended (the caller's
   * own included: it starts a new one), the audit row. Throws field errors on `password`/`conferma`.
   */
  changePassword(principal: Principal, password: string, confirmation: string, address: string | undefined): Promise<void> {
    const subject = principalSubject(principal);
    return this.tx.run(async () => {
      await this.staff.changePassword(subject, password, confirmation);
      await this.sessions.endSessionsOf(subject);
      await this.audit.record({ actor: { kind: principal.kind, subject }, action: 'user.password-change', resource: { type: 'user', id: subject }, channel: 'web', address: address ?? null });
    });
  }

  /** The active staff account the Comune's provider named (never created); null when none. */
  externalPrincipal(username: string): Promise<Principal | null> {
    return this.staff.principalOfUsername(username);
  }

  /** A login through the Comune's provider of someone without an active staff account: audited, under the name the provider gave. */
  recordRefusedExternalLogin(username: string, address: string | undefined): Promise<unknown> {
    const subject = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/.test(username) ? username : 'non-valido';
    return this.audit.record({ actor: { kind: 'anonymous', subject }, action: 'auth.login-refused', resource: { type: 'user', id: subject }, channel: 'web', address: address ?? null });
  }

  recordLogin(principal: Principal, address: string | undefined): Promise<unknown> {
    const subject = principalSubject(principal);
    return this.audit.record({ actor: { kind: principal.kind, subject }, action: 'auth.login', resource: { type: 'user', id: subject }, channel: 'web', address: address ?? null });
  }
}
