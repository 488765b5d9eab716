import { DomainException } from '../../common';
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
