import { DomainException, FieldError } from '../../common';
import { PROTOCOL_MESSAGES as M } from './protocol.messages';

export class ProtocolInvalidEntryException extends DomainException {
  constructor(fieldErrors: FieldError[]) {
    super('PROTOCOL_INVALID_ENTRY', 'invalid', M.invalidEntry, { fieldErrors });
  }
}

export class ProtocolInvalidAnnulmentException extends DomainException {
  constructor(fieldErrors: FieldError[]) {
    super('PROTOCOL_INVALID_ANNULMENT', 'invalid', M.invalidAnnulment, { fieldErrors });
  }
}

/** A malformed lookup: year, number or day. */
export class ProtocolInvalidQueryException extends DomainException {
  constructor(fieldErrors: FieldError[]) {
    super('PROTOCOL_INVALID_QUERY', 'invalid', M.invalidQuery, { fieldErrors });
  }
}

export class ProtocolEntryNotFoundException extends DomainException {
  constructor(id: string) {
    super('PROTOCOL_ENTRY_NOT_FOUND', 'not-found', M.entryNotFound(id), { id });
  }
}

export class ProtocolAlreadyAnnulledException extends DomainException {
  constructor(id: string, year: number, number: string) {
    super('PROTOCOL_ALREADY_ANNULLED', 'conflict', M.alreadyAnnulled(year, number), { id, year, number });
  }
}
