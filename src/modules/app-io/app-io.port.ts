import type { FieldError } from '../../common';

/** DI token of the App IO port; bound to null when IO is off (no APP_IO_API_BASE_URL, no development IO). */
export const APP_IO_PORT = Symbol('APP_IO_PORT');

/** A citizen's IO profile as the Comune's service sees it; null from `profile` means the citizen is not on IO. */
export interface IoProfile {
  senderAllowed: boolean;
}

/** What IO's `payment_data` carries: the pagoPA notice to pay from the message. */
export interface IoPaymentData {
  /** Euro cents. */
  amount: number;
  /** NAV, 18 digits starting 0–3. */
  noticeNumber: string;
  invalidAfterDueDate?: boolean;
  /** Creditor's fiscal code (11 digits); IO assumes the sending service's organisation when absent. */
  payeeFiscalCode?: string;
}

export interface IoNewMessage {
  fiscalCode: string;
  subject: string;
  markdown: string;
  /** ISO-8601 date-time. */
  dueDate?: string;
  paymentData?: IoPaymentData;
}

export const IO_MESSAGE_STATUSES = ['ACCEPTED', 'THROTTLED', 'FAILED', 'PROCESSED', 'REJECTED'] as const;
export type IoMessageStatus = (typeof IO_MESSAGE_STATUSES)[number];

/** App IO, behind one port: the HTTP adapter for api.io.pagopa.it (and the development IO at /dev-io). */
export interface AppIoPort {
  /** The citizen's profile; null when the citizen is not on IO (404). */
  profile(fiscalCode: string): Promise<IoProfile | null>;
  /** Submits one message; IO answers its id. */
  submitMessage(message: IoNewMessage): Promise<{ id: string }>;
  messageStatus(fiscalCode: string, id: string): Promise<IoMessageStatus>;
}

/**
 * IO refused the request and would refuse it again: 400 (field errors), 401/403 (sender not
 * allowed, wrong key), 404 (not on IO). Not retried.
 */
export class AppIoRejectedError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'AppIoRejectedError';
  }
}

/**
 * IO did not take the request: 429, 5xx, network failure, timeout. `outcomeUnknown` is true when
 * the request may have reached IO and been acted on (a timeout or a dropped connection after the
 * request was sent, a 504): re-sending could deliver the message twice.
 */
export class AppIoUnavailableError extends Error {
  constructor(
    message: string,
    readonly outcomeUnknown: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AppIoUnavailableError';
  }
}
