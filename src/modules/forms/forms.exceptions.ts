import { DomainException, FieldError } from '../../common';
import { FORMS_MESSAGES as M } from './forms.messages';

/** A submission the form refuses; `details.fieldErrors` names each field and rule. */
export class FormsValidationException extends DomainException {
  constructor(readonly fieldErrors: FieldError[]) {
    super('FORMS_INVALID_SUBMISSION', 'unprocessable', M.invalidSubmission, { fieldErrors });
  }
}
