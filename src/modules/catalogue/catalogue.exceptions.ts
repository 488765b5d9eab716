import { DomainException, FieldError } from '../../common';
import { CATALOGUE_MESSAGES } from './catalogue.messages';

export class CatalogueProcedureNotFoundException extends DomainException {
  constructor(key: string) {
    super('CATALOGUE_PROCEDURE_NOT_FOUND', 'not-found', CATALOGUE_MESSAGES.procedureNotFound(key), { key });
  }
}

export class CatalogueFormNotFoundException extends DomainException {
  constructor(key: string) {
    super('CATALOGUE_FORM_NOT_FOUND', 'not-found', CATALOGUE_MESSAGES.formNotFound(key), { key });
  }
}

/** The catalogue on disk breaks a convention: nothing was deployed. `problems` holds one line per problem. */
export class CatalogueInvalidException extends DomainException {
  constructor(readonly problems: string[]) {
    super('CATALOGUE_INVALID', 'unprocessable', `${CATALOGUE_MESSAGES.catalogueInvalid(problems.length)}:\n${problems.join('\n')}`, { problems });
  }
}

export class CatalogueBadFilterException extends DomainException {
  constructor(fieldErrors: FieldError[]) {
    super('CATALOGUE_BAD_FILTER', 'invalid', CATALOGUE_MESSAGES.badFilter, { fieldErrors });
  }
}
