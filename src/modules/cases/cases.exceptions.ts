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
