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
  constructor() {
    super('CASE_LOOKUP_RATE_LIMITED', 'rate-limited', M.lookupRateLimited);
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
