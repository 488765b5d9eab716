import { DomainException, FieldError } from '../../common';
import { IDENTITY_MESSAGES } from './identity.messages';

/** Why a token was refused; logged, never shown (the response says only missing/invalid/expired). */
export type UnauthenticatedReason = 'missing' | 'malformed' | 'signature' | 'expired' | 'claims' | 'issuer-audience' | 'keys' | 'api-key';

export class IdentityUnauthenticatedException extends DomainException {
  constructor(readonly reason: UnauthenticatedReason, options?: { cause?: unknown }) {
    const message =
      reason === 'missing'
        ? IDENTITY_MESSAGES.missingToken
        : reason === 'expired'
          ? IDENTITY_MESSAGES.expiredToken
          : IDENTITY_MESSAGES.invalidToken;
    super('IDENTITY_UNAUTHENTICATED', 'unauthenticated', message, {}, options);
  }
}

export class IdentityForbiddenException extends DomainException {
  constructor() {
    super('IDENTITY_FORBIDDEN', 'forbidden', IDENTITY_MESSAGES.forbidden);
  }
}

export class IdentityDevTokensDisabledException extends DomainException {
  constructor() {
    super('IDENTITY_DEV_TOKENS_DISABLED', 'unavailable', IDENTITY_MESSAGES.devTokensDisabled);
  }
}

export class IdentityInvalidPrincipalException extends DomainException {
  constructor(fieldErrors: FieldError[]) {
    super('IDENTITY_INVALID_PRINCIPAL', 'invalid', IDENTITY_MESSAGES.invalidPrincipal, { fieldErrors });
  }
}

/** Unknown user or wrong password: one answer, so usernames cannot be probed. */
export class IdentityLoginFailedException extends DomainException {
  constructor() {
    super('IDENTITY_LOGIN_FAILED', 'unauthenticated', IDENTITY_MESSAGES.loginFailed);
  }
}

export class IdentityAccountLockedException extends DomainException {
  constructor() {
    super('IDENTITY_ACCOUNT_LOCKED', 'rate-limited', IDENTITY_MESSAGES.accountLocked);
  }
}
