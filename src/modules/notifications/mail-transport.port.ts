/** DI token of the outgoing-mail port; bound to null when SMTP_URL is unset (delivery disabled). */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: Array<{ filename: string; contentType: string; content: Buffer }>;
  /**
   * `<id@domain>`, derived from the outbox row: a message sent again after a crash carries the
   * same Message-ID, so the receiving side can recognise the duplicate.
   */
  messageId: string;
}

export interface SentEmail {
  messageId: string;
  /** The relay's final reply, e.g. `250 2.0.0 Ok: queued as 4F1A2B`. */
  response: string;
}

/** Raised by adapters; `permanent` means the same message would be refused again (SMTP 5xx). */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MailDeliveryError';
  }
}

export interface MailTransport {
  send(mail: OutgoingEmail): Promise<SentEmail>;
  close(): Promise<void>;
}
