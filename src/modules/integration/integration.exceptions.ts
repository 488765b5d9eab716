import { DomainException } from '../../common';
import { INTEGRATION_MESSAGES as M } from './integration.messages';

export class IntegrationBadQueryException extends DomainException {
  constructor(field: string, message: string) {
    super('INTEGRATION_BAD_QUERY', 'invalid', M.badQuery, { fieldErrors: [{ field, message }] });
  }
}
