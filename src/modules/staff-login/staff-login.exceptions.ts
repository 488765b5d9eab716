import { DomainException } from '../../common';
import { STAFF_LOGIN_MESSAGES as M } from './staff-login.messages';

export class StaffLoginRateLimitedException extends DomainException {
  constructor(retryAfterSeconds: number) {
    super('STAFF_LOGIN_RATE_LIMITED', 'rate-limited', M.rateLimited, { retryAfterSeconds });
  }
}
