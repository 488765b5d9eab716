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
  constructor() {
    super('CASE_LOOKUP_RATE_LIMITED', 'rate-limited', M.lookupRateLimited);
  }
}
