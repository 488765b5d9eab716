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

export class ModelerKeyTakenException extends DomainException {
  constructor(field: string, key: string) {
    super('MODELER_KEY_TAKEN', 'conflict', MODELER_MESSAGES.keyTaken(key), { fieldErrors: [{ field, message: MODELER_MESSAGES.keyTaken(key) }] });
  }
}

export class ModelerNoDraftException extends DomainException {
  constructor(key: string) {
    super('MODELER_NO_DRAFT', 'conflict', MODELER_MESSAGES.noDraft(key), { key });
  }
}

/** Lint or convention problems in the draft (or the forms it uses): nothing was published. */
export class ModelerPublishBlockedException extends DomainException {
  constructor(readonly problems: string[]) {
    super('MODELER_PUBLISH_BLOCKED', 'unprocessable', MODELER_MESSAGES.publishBlocked(problems.length), {
      problems,
      fieldErrors: problems.map((message) => ({ field: message.startsWith('forms/') ? 'forms' : 'xml', message })),
    });
  }
}

/** Someone published another version since the analyst read the diff. */
export class ModelerStalePublishException extends DomainException {
  constructor(seen: number | null, now: number | null) {
    const message = MODELER_MESSAGES.stalePublish(seen === null ? '(nessuna)' : String(seen), now === null ? '(nessuna)' : String(now));
    super('MODELER_STALE_PUBLISH', 'conflict', message, { fieldErrors: [{ field: 'baseVersion', message }] });
  }
}

export class ModelerRenamePublishedException extends DomainException {
  constructor(key: string) {
    super('MODELER_RENAME_PUBLISHED', 'conflict', MODELER_MESSAGES.renamePublished(key), { fieldErrors: [{ field: 'formKey', message: MODELER_MESSAGES.renamePublished(key) }] });
  }
}

/** A shared procedure zip that cannot be imported; each field error names the file inside the zip. */
export class ModelerImportInvalidException extends DomainException {
  constructor(problems: Array<{ file: string; message: string }>) {
    super('MODELER_IMPORT_INVALID', 'unprocessable', MODELER_MESSAGES.importInvalid(problems.length), {
      fieldErrors: problems.map((p) => ({ field: p.file || 'content', message: p.message })),
    });
  }
}

/** The draft has lint or convention problems: it is not run, not even in the sandbox (the lint is what keeps scripts out). */
export class ModelerDryRunBlockedException extends DomainException {
  constructor(readonly problems: string[]) {
    super('MODELER_DRY_RUN_BLOCKED', 'unprocessable', MODELER_MESSAGES.dryRunBlocked(problems.length), {
      problems,
      fieldErrors: problems.map((message) => ({ field: message.startsWith('forms/') ? 'forms' : 'xml', message })),
    });
  }
}
