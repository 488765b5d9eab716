import { DomainException, FieldError } from '../../common';
import { CITIZEN_AUTH_MESSAGES as M } from './citizen-auth.messages';

/** The login could not be completed (state, code, token, claims, level): the reason goes to the log, never to the page. */
export class CitizenLoginFailedException extends DomainException {
  constructor(message: string = M.loginFailed, reason?: string) {
    super('CITIZEN_LOGIN_FAILED', 'invalid', message, reason ? { reason } : {});
  }
}

export class CitizenLoginInvalidInputException extends DomainException {
  constructor(message: string, fieldErrors: FieldError[]) {
    super('CITIZEN_LOGIN_INVALID_INPUT', 'invalid', message, { fieldErrors });
  }
}

export class CitizenProviderUnavailableException extends DomainException {
  constructor() {
    super('CITIZEN_PROVIDER_UNAVAILABLE', 'unavailable', M.providerUnavailable);
  }
}

/** Too many login starts or callbacks from one address (IPv6: its /64): 429 with Retry-After. */
export class CitizenLoginRateLimitedException extends DomainException {
  constructor(retryAfterSeconds: number) {
    super('CITIZEN_LOGIN_RATE_LIMITED', 'rate-limited', M.rateLimited, { retryAfterSeconds });
  }
}
