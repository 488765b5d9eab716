import { DomainException } from '../../common';
import { TASK_MESSAGES as M } from './tasks.messages';

export class TaskNotFoundException extends DomainException {
  constructor(id: string) {
    super('TASK_NOT_FOUND', 'not-found', M.notFound, { id });
  }
}

export class TaskForbiddenException extends DomainException {
  constructor(id: string) {
    super('TASK_FORBIDDEN', 'forbidden', M.forbidden, { id });
  }
}

export class TaskClaimedByOtherException extends DomainException {
  constructor(id: string, assignee: string) {
    super('TASK_CLAIMED_BY_OTHER', 'conflict', M.claimedByOther(assignee), { id, assignee });
  }
}

export class TaskClosedException extends DomainException {
  constructor(id: string, status: string) {
    super('TASK_CLOSED', 'conflict', M.closed, { id, status });
  }
}

export class TaskStaleVersionException extends DomainException {
  constructor(id: string, expected: number, actual: number) {
    super('TASK_STALE_VERSION', 'conflict', M.stale, { id, expected, actual });
  }
}

export class TaskInvalidQueryException extends DomainException {
  constructor(field: string, message: string) {
    super('TASK_INVALID_QUERY', 'invalid', M.invalidQuery, { fieldErrors: [{ field, message }] });
  }
}
