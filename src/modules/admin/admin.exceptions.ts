import { DomainException, FieldError } from '../../common';
import { ADMIN_MESSAGES as M } from './admin.messages';

export class AdminUserNotFoundException extends DomainException {
  constructor() {
    super('ADMIN_USER_NOT_FOUND', 'not-found', M.userNotFound);
  }
}

export class AdminInvalidInputException extends DomainException {
  constructor(fieldErrors: FieldError[]) {
    super('ADMIN_INVALID_INPUT', 'invalid', M.auditFilter, { fieldErrors });
  }
}
