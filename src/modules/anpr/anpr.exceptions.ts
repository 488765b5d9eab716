import { DomainException, FieldError, isValidFiscalCode, normaliseFiscalCode } from '../../common';
import { ANPR_MESSAGES as M } from './anpr.messages';

/** ANPR did not answer (network, timeout, 5xx, or the development registry's fault switch): callers fall back or retry. */
export class AnprUnavailableException extends DomainException {
  constructor(detail: string, options?: { cause?: unknown }) {
    super('ANPR_UNAVAILABLE', 'unavailable', M.unavailable, { detail }, options);
  }
}

export class AnprUnauthorizedException extends DomainException {
  constructor() {
    super('ANPR_UNAUTHORIZED', 'unauthenticated', M.unauthorized);
  }
}

/** A request ANPR (or the development registry) refuses, naming each field. */
export class AnprInvalidException extends DomainException {
  constructor(fieldErrors: FieldError[]) {
    super('ANPR_INVALID', 'invalid', fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '), { fieldErrors });
  }
}

export class AnprSubjectNotFoundException extends DomainException {
  constructor(fiscalCode: string) {
    super('ANPR_SUBJECT_NOT_FOUND', 'not-found', M.notFound, { field: 'codiceFiscale', fiscalCode });
  }
}

/** The fiscal code a residence check asks for, normalised; ANPR_INVALID naming the field when it is not a person's valid code. */
export function checkFiscalCode(raw: unknown, field = 'codiceFiscale'): string {
  const value = typeof raw === 'string' ? normaliseFiscalCode(raw) : '';
  if (!isValidFiscalCode(value)) throw new AnprInvalidException([{ field, message: M.fiscalCode }]);
  return value;
}
