import { DomainException, FieldError } from '../../common';
import { ALERTS_MESSAGES as M } from './alerts.messages';

export class AlertInvalidException extends DomainException {
  constructor(fieldErrors: FieldError[]) {
    super('ALERT_INVALID', 'invalid', M.invalid, { fieldErrors });
  }
}

export class AlertNotFoundException extends DomainException {
  constructor(id: string) {
    super('ALERT_NOT_FOUND', 'not-found', M.notFound, { id });
  }
}
