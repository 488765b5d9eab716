import { DomainException, ErrorKind, FieldError } from '../../common';
import { PAYMENTS_MESSAGES as M } from './payments.messages';

/** A debt position, notice or cart that pagoPA refuses: names the offending field. */
export class PaymentInvalidException extends DomainException {
  constructor(fieldErrors: FieldError[]) {
    super('PAYMENT_INVALID', 'invalid', fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '), { fieldErrors });
  }
}

export class PaymentPositionNotFoundException extends DomainException {
  constructor(iupd: string) {
    super('PAYMENT_POSITION_NOT_FOUND', 'not-found', M.positionNotFound, { iupd, field: 'iupd' });
  }
}

export class PaymentPositionConflictException extends DomainException {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('PAYMENT_POSITION_CONFLICT', 'conflict', message, details);
  }
}

export class PaymentNoticeNotFoundException extends DomainException {
  constructor(nav: string, code = 'PAYMENT_NOTICE_NOT_FOUND', message: string = M.noticeNotFound) {
    super(code, 'not-found', message, { nav, field: 'nav' });
  }
}

export class PaymentNoticeNotPayableException extends DomainException {
  constructor(nav: string, status: string) {
    super('PAYMENT_NOTICE_NOT_PAYABLE', 'conflict', M.noticeNotPayable, { nav, status, field: 'nav' });
  }
}

export class PaymentGatewayUnauthorizedException extends DomainException {
  constructor() {
    super('PAYMENT_GATEWAY_UNAUTHORIZED', 'unauthenticated', M.unauthorized);
  }
}

/** pagoPA answered 5xx, timed out or could not be reached: the caller retries with backoff. */
export class PaymentGatewayUnavailableException extends DomainException {
  constructor(detail: string, options?: { cause?: unknown }) {
    super('PAYMENT_GATEWAY_UNAVAILABLE', 'unavailable', M.unavailable, { detail }, options);
  }
}

/** Any other ProblemJson pagoPA answered, kept with its status and detail. */
export class PaymentGatewayRejectedException extends DomainException {
  constructor(kind: ErrorKind, status: number, detail: string) {
    super('PAYMENT_GATEWAY_REJECTED', kind, detail, { status });
  }
}
