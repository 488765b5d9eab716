import { DomainException, FieldError } from '../../../common';

/** A citizen, case or document the operator may not see answers as one that does not exist. */
export class DeskNotFoundException extends DomainException {
  constructor(message: string) {
    super('DESK_NOT_FOUND', 'not-found', message);
  }
}

/** A desk form with a field at fault; the page shows the message beside the field. */
export class DeskInvalidInputException extends DomainException {
  constructor(message: string, fieldErrors: FieldError[]) {
    super('DESK_INVALID_INPUT', 'invalid', message, { fieldErrors });
  }
}
