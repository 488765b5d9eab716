import { Injectable } from '@nestjs/common';
import { rateLimitBucket } from '../../common';
import { Transactions } from '../../database';

export const LOGIN_WINDOW_MS = 10 * 60 * 1000;

/** Counted: within the limit, or refused with the seconds until the window ends. */
export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Login attempts per scope (`staff`, `oidc`, ...) and client address (IPv4 address, IPv6 /64) in
 * fixed 10-minute windows, counted in PostgreSQL (`login_attempt`): every app process shares
 * the count, so a client cannot spread its attempts over the workers.
 */
@Injectable()
export class LoginAttemptLimiter {
  constructor(private readonly tx: Transactions) {}

  async count(scope: string, address: string | undefined, limit: number, now = new Date()): Promise<AttemptVerdict> {
    const windowStart = new Date(Math.floor(now.getTime() / LOGIN_WINDOW_MS) * LOGIN_WINDOW_MS);
    const [{ attempts }] = (await this.tx.manager().query(
      `insert into login_attempt (client, window_start, attempts) values ($1, $2, 1)
       on conflict (client, window_start) do update set attempts = login_attempt.attempts + 1 returning attempts`,
      [`${scope}:${rateLimitBucket(address)}`, windowStart],
    )) as Array<{ attempts: number }>;
    if (attempts <= limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.ceil((windowStart.getTime() + LOGIN_WINDOW_MS - now.getTime()) / 1000) };
  }
}
