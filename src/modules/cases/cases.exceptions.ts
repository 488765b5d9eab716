import { DomainException, FieldError } from '../../common';
import { CASE_MESSAGES as M } from './cases.messages';

export class CaseNotFoundException extends DomainException {
  constructor(id: string) {
    super('CASE_NOT_FOUND', 'not-found', M.notFound, { id });
  }
}

export class CaseInvalidRequestException extends DomainException {
  constructor(field: string, message: string) {
    super('CASE_INVALID_REQUEST', 'invalid', M.invalidRequest, { fieldErrors: [{ field, message }] });
  }
}

export class CaseStatusLookupLimitedException extends DomainException {
  /** `retryAfterSeconds` becomes the Retry-After header. */
  constructor(retryAfterSeconds: number) {
    super('CASE_LOOKUP_RATE_LIMITED', 'rate-limited', M.lookupRateLimited, { retryAfterSeconds });
  }
}

/** The istanza cannot be registered in the protocol as submitted (e.g. an e-mail the register refuses): nothing was stored. */
export class CaseNotRegistrableException extends DomainException {
  constructor(fieldErrors: FieldError[]) {
    super('CASE_NOT_REGISTRABLE', 'unprocessable', M.notRegistrable, { fieldErrors });
  }
}

/** An Idempotency-Key already used for a different request. */
export class CaseIdempotencyKeyReusedException extends DomainException {
  constructor() {
    super('CASE_IDEMPOTENCY_KEY_REUSED', 'unprocessable', M.idempotencyKeyReused, {
      fieldErrors: [{ field: 'Idempotency-Key', message: M.idempotencyKeyReusedField }],
    });
  }
}

export class CaseNotWithdrawableException extends DomainException {
  constructor(id: string, reason: 'outcome' | 'withdrawn' | 'closed') {
    super('CASE_NOT_WITHDRAWABLE', 'conflict', M.notWithdrawable[reason], { id, reason });
  }
}

export class CaseNotClosedException extends DomainException {
  constructor(id: string) {
    super('CASE_NOT_CLOSED', 'conflict', M.notClosed, { id });
  }
}

export class CaseAlreadyRatedException extends DomainException {
  constructor(id: string) {
    super('CASE_ALREADY_RATED', 'conflict', M.alreadyRated, { id });
  }
}
