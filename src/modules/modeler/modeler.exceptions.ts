import { DomainException } from '../../common';
import { MODELER_MESSAGES } from './modeler.messages';

export class ModelerBadKeyException extends DomainException {
  constructor(field: string, key: string) {
    super('MODELER_BAD_KEY', 'invalid', MODELER_MESSAGES.badKey(key), { fieldErrors: [{ field, message: MODELER_MESSAGES.badKey(key) }] });
  }
}

export class ModelerNotFoundException extends DomainException {
  constructor(kind: 'procedure' | 'form', key: string) {
    super('MODELER_NOT_FOUND', 'not-found', kind === 'procedure' ? MODELER_MESSAGES.procedureNotFound(key) : MODELER_MESSAGES.formNotFound(key), { key });
  }
}

export class ModelerInvalidInputException extends DomainException {
  constructor(field: string, message: string) {
    super('MODELER_INVALID_INPUT', 'invalid', message, { fieldErrors: [{ field, message }] });
  }
}
