import { DomainException, FieldError } from '../../common';
import { INTEGRATION_MESSAGES as M, SERVICE_ACCOUNT_MESSAGES as SA, WEBHOOK_MESSAGES as WH } from './integration.messages';

export class IntegrationBadQueryException extends DomainException {
  constructor(field: string, message: string) {
    super('INTEGRATION_BAD_QUERY', 'invalid', M.badQuery, { fieldErrors: [{ field, message }] });
  }
}

export class ServiceAccountInvalidException extends DomainException {
  constructor(fieldErrors: FieldError[]) {
    super('SERVICE_ACCOUNT_INVALID', 'invalid', SA.invalid, { fieldErrors });
  }
}

export class ServiceAccountNotFoundException extends DomainException {
  constructor(id: string) {
    super('SERVICE_ACCOUNT_NOT_FOUND', 'not-found', SA.notFound, { id });
  }
}

export class ServiceAccountKeyNotFoundException extends DomainException {
  constructor(id: string) {
    super('SERVICE_ACCOUNT_KEY_NOT_FOUND', 'not-found', SA.keyNotFound, { id });
  }
}

export class ServiceAccountNameTakenException extends DomainException {
  constructor(name: string) {
    super('SERVICE_ACCOUNT_NAME_TAKEN', 'conflict', SA.nameTaken, { name });
  }
}

export class ServiceAccountTooManyKeysException extends DomainException {
  constructor(id: string, max: number) {
    super('SERVICE_ACCOUNT_TOO_MANY_KEYS', 'conflict', SA.tooManyKeys(max), { id });
  }
}

export class WebhookInvalidException extends DomainException {
  constructor(fieldErrors: FieldError[]) {
    super('WEBHOOK_INVALID', 'invalid', WH.invalid, { fieldErrors });
  }
}

export class WebhookUrlNotAllowedException extends DomainException {
  constructor(reason: string) {
    super('WEBHOOK_URL_NOT_ALLOWED', 'unprocessable', WH.urlNotAllowed, { fieldErrors: [{ field: 'url', message: WH.url[reason] ?? reason, code: reason }] });
  }
}

export class WebhookNotFoundException extends DomainException {
  constructor(what: 'subscription' | 'delivery', id: string) {
    super(what === 'subscription' ? 'WEBHOOK_SUBSCRIPTION_NOT_FOUND' : 'WEBHOOK_DELIVERY_NOT_FOUND', 'not-found', what === 'subscription' ? WH.subscriptionNotFound : WH.deliveryNotFound, { id });
  }
}
