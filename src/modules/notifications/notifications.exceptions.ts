import { DomainException, FieldError } from '../../common';
import { NOTIFICATIONS_MESSAGES as M } from './notifications.messages';

export class NotificationsInvalidEmailException extends DomainException {
  constructor(fieldErrors: FieldError[]) {
    super('NOTIFICATIONS_INVALID_EMAIL', 'invalid', M.invalidEmail, { fieldErrors });
  }
}

/** A default template is missing from the deployment: a packaging error, not the caller's. */
export class NotificationsTemplateMissingException extends DomainException {
  constructor(file: string) {
    super('NOTIFICATIONS_TEMPLATE_MISSING', 'internal', M.templateMissing(file), { file });
  }
}

export class NotificationsTemplateFailedException extends DomainException {
  constructor(template: string, cause: unknown) {
    super('NOTIFICATIONS_TEMPLATE_FAILED', 'internal', M.templateFailed(template), { template }, { cause });
  }
}
