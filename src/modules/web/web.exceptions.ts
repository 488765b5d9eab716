import { DomainException, FieldError } from '../../common';
import { WEB_MESSAGES as M } from './web.messages';

export class WebCsrfInvalidException extends DomainException {
  constructor() {
    super('WEB_CSRF_INVALID', 'forbidden', M.csrfInvalid);
  }
}

/** A page that needs a logged-in user was opened without one: pages answer with the login page. */
export class WebLoginRequiredException extends DomainException {
  constructor() {
    super('WEB_LOGIN_REQUIRED', 'unauthenticated', M.loginRequired);
  }
}

export class WebForbiddenException extends DomainException {
  constructor(message: string = M.forbidden) {
    super('WEB_FORBIDDEN', 'forbidden', message);
  }
}

export class WebDevLoginDisabledException extends DomainException {
  constructor() {
    super('WEB_DEV_LOGIN_DISABLED', 'not-found', M.devLoginDisabled);
  }
}

export class WebInvalidInputException extends DomainException {
  constructor(message: string, fieldErrors: FieldError[]) {
    super('WEB_INVALID_INPUT', 'invalid', message, { fieldErrors });
  }
}
