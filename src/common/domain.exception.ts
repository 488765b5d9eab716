/**
 * What kind of failure a domain error is. The HTTP edge maps kinds to statuses in one
 * exhaustive switch; the engine adapter maps them to BPMN errors. Services never throw HTTP
 * exceptions: half their callers are not HTTP.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'unprocessable'
  | 'too-large'
  | 'rate-limited'
  | 'unavailable'
  | 'internal';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `data.email`. */
  field: string;
  message: string;
  code?: string;
}

export class DomainException extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details: { fieldErrors?: FieldError[]; [key: string]: unknown } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
