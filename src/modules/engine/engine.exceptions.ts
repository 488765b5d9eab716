import { DomainException } from '../../common';

export class EngineItemNotFoundException extends DomainException {
  constructor(itemId: string) {
    super('ENGINE_ITEM_NOT_FOUND', 'not-found', `Elemento di processo ${itemId} non trovato`, { itemId });
  }
}

export class EngineInstanceNotFoundException extends DomainException {
  constructor(instanceId: string) {
    super('ENGINE_INSTANCE_NOT_FOUND', 'not-found', `Istanza di processo ${instanceId} non trovata`, { instanceId });
  }
}

export class EngineItemNotWaitingException extends DomainException {
  constructor(itemId: string, status: string) {
    super('ENGINE_ITEM_NOT_WAITING', 'conflict', `L'attività ${itemId} non è più in attesa (stato: ${status})`, {
      itemId,
      status,
    });
  }
}

export class EngineStaleVersionException extends DomainException {
  constructor(instanceId: string, expected: number, actual?: number) {
    super(
      'ENGINE_STALE_VERSION',
      'conflict',
      `La pratica è stata modificata da un'altra operazione (versione attesa ${expected}${actual === undefined ? '' : `, attuale ${actual}`})`,
      { instanceId, expected, actual },
    );
  }
}

export class EngineLockTimeoutException extends DomainException {
  constructor(instanceId: string) {
    super('ENGINE_LOCK_TIMEOUT', 'conflict', `La pratica ${instanceId} è occupata da un'altra operazione; riprovare`, {
      instanceId,
    });
  }
}

export class EngineProcessNotFoundException extends DomainException {
  constructor(processKey: string) {
    super('ENGINE_PROCESS_NOT_FOUND', 'not-found', `Procedimento ${processKey} non pubblicato`, { processKey });
  }
}

export class EngineUnsupportedQueryException extends DomainException {
  constructor(query: unknown) {
    super('ENGINE_UNSUPPORTED_QUERY', 'internal', `Unsupported engine query: ${JSON.stringify(query)}`, {});
  }
}

export class EngineFailureException extends DomainException {
  constructor(message: string, cause?: unknown) {
    super('ENGINE_FAILURE', 'internal', message, {}, { cause });
  }
}

export class EngineIncidentNotFoundException extends DomainException {
  constructor(id: string) {
    super('ENGINE_INCIDENT_NOT_FOUND', 'not-found', `Incidente ${id} non trovato`, { id });
  }
}

export class EngineIncidentClosedException extends DomainException {
  constructor(id: string, status: string) {
    super('ENGINE_INCIDENT_CLOSED', 'conflict', `L'incidente ${id} è già ${status}`, { id, status });
  }
}

export class EngineModelInvalidException extends DomainException {
  constructor(processKey: string, problems: string[]) {
    super('ENGINE_MODEL_INVALID', 'unprocessable', `Il modello ${processKey} non è valido: ${problems.join('; ')}`, {
      processKey,
      problems,
    });
  }
}
