import { Inject, Injectable } from '@nestjs/common';
import { rateLimitBucket } from '../../common';
import { APP_CONFIG, AppConfig } from '../../config';
import { Transactions } from '../../database';
import { AuditService } from '../audit';
import { Principal, principalSubject, StaffAuthService } from '../identity';
import { StaffLoginRateLimitedException } from './staff-login.exceptions';
import { StaffLoginRepository } from './staff-login.repository';
import { newTotpSecret, otpauthUri, totpStep, verifyTotp } from './totp';
import { TotpCipher } from './totp-cipher';

export const LOGIN_WINDOW_MS = 10 * 60 * 1000;
/** Kinds that must give a second factor. */
const SECOND_FACTOR: ReadonlyArray<Principal['kind']> = ['admin', 'analyst'];

export type PasswordOutcome =
  | { next: 'done'; principal: Principal }
  | { next: 'code'; principal: Principal }
  | { next: 'enrol'; principal: Principal; secret: string; secretEnc: string; uri: string }
  | { next: 'refused' };

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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.repo = new StaffLoginRepository(tx);
    this.cipher = TotpCipher.fromConfig(config);
  }

  /** Counts one attempt from this address; refuses (with when to retry) beyond LOGIN_RATE_LIMIT per window. */
  async countAttempt(address: string | undefined, now = new Date()): Promise<void> {
    const windowStart = new Date(Math.floor(now.getTime() / LOGIN_WINDOW_MS) * LOGIN_WINDOW_MS);
    const attempts = await this.repo.countAttempt(`staff:${rateLimitBucket(address)}`, windowStart);
    if (attempts > this.config.LOGIN_RATE_LIMIT) throw new StaffLoginRateLimitedException(Math.ceil((windowStart.getTime() + LOGIN_WINDOW_MS - now.getTime()) / 1000));
  }

  /** The password step. Throws the identity module's login-failed / locked exceptions. */
  async password(username: string, password: string): Promise<PasswordOutcome> {
    const principal = await this.staff.login(username, password);
    if (!SECOND_FACTOR.includes(principal.kind)) return { next: 'done', principal };
    if (await this.repo.totpOf(principalSubject(principal))) return { next: 'code', principal };
    // Enrolment with the secret shown once is a development convenience; production enrols through an administrator.
    if (this.config.NODE_ENV === 'production') return { next: 'refused' };
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

  recordLogin(principal: Principal, address: string | undefined): Promise<unknown> {
    const subject = principalSubject(principal);
    return this.audit.record({ actor: { kind: principal.kind, subject }, action: 'auth.login', resource: { type: 'user', id: subject }, channel: 'web', address: address ?? null });
  }
}
