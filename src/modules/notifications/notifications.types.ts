import type { IoPaymentData } from '../app-io';
import { CITIZEN_STATUSES, CitizenStatus } from '../catalogue';

/** Citizen-visible statuses of a case (the catalogue's vocabulary, ARCHITECTURE.md §6); each one has its own e-mail. */
export const CITIZEN_EVENTS = CITIZEN_STATUSES;
export type CitizenEvent = CitizenStatus;

/**
 * E-mails about a case that are no step of its procedure: messages either way, the citizen's
 * withdrawal, a pagoPA notice to pay, and an issued act (`atto-emesso`: `item` is the issued
 * document's id, also in `variables.documentId`, with the PDF attached by the documents module).
 */
export const CASE_EMAIL_EVENTS = ['ritirata', 'messaggio-ufficio', 'messaggio-cittadino', 'avviso-pagamento', 'atto-emesso'] as const;
/** A topic alert (no case): one notice per subscriber of the topic. */
export const ALERT_EVENT = 'allerta';
/** Every e-mail event with a default template. */
export const EMAIL_EVENTS = [...CITIZEN_EVENTS, ...CASE_EMAIL_EVENTS, ALERT_EVENT] as const;
export type EmailEvent = (typeof EMAIL_EVENTS)[number];

export const EMAIL_LOCALES = ['it'] as const;
export type EmailLocale = (typeof EMAIL_LOCALES)[number];

/**
 * What the default templates read. Anything else in `variables` is passed through to a
 * procedure's own templates. Dates may be `Date` or ISO-8601 strings; `{{data x}}` prints them in Italian.
 */
export interface EmailVariables {
  procedureTitle: string;
  citizenName?: string;
  protocolNumber?: string;
  protocolDate?: Date | string;
  office?: string;
  legalDeadline?: Date | string;
  /** da-integrare: by when the citizen must send what is missing. */
  replyBy?: Date | string;
  message?: string;
  /** Absolute http(s) link to the case in the citizen's personal area. */
  caseUrl?: string;
  [name: string]: unknown;
}

export interface EnqueueEmailInput {
  caseId: string;
  /** A citizenStatus value, or one of CASE_EMAIL_EVENTS. */
  event: string;
  procedureKey: string;
  /** The citizen's e-mail address; may be absent when `fiscalCode` is given (the citizen may be on App IO only). */
  to?: string | null;
  /**
   * The citizen's fiscal code: the notice goes to App IO when the citizen is on IO, allows the
   * Comune's service and has not chosen e-mail in the personal area; else by e-mail to `to`.
   */
  fiscalCode?: string | null;
  /** What the App IO message carries besides the text: a due date (ISO-8601) and a pagoPA notice to pay. */
  io?: { dueDate?: string; paymentData?: IoPaymentData };
  locale?: EmailLocale;
  /** Fixed variables; whatever the registered variables resolver returns at send time is merged over them. */
  variables?: Record<string, unknown>;
  /** What the e-mail is about within the case, e.g. the engine item whose status change it announces. */
  item?: string;
  /** Unique per notification, e.g. `${caseId}:${event}:${timelineEntryId}`: enqueuing it again is a no-op. */
  dedupeKey: string;
}

export interface EnqueuedEmail {
  outboxId: string;
  /** True when a notification with the same dedupeKey was already in the outbox: nothing was added. */
  duplicate: boolean;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

/** Delivery state of one queued e-mail. */
export interface OutboxEmail {
  outboxId: string;
  caseId: string;
  event: string;
  /** Template set(s) used, e.g. `certificato-residenza/accettata + accettata`; null until rendered (first attempt). */
  template: string | null;
  subject: string | null;
  messageId: string;
  /** Null until the first attempt chooses it. */
  channel: 'email' | 'io' | null;
  /** The id App IO gave the message, once accepted. */
  ioMessageId: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
}

/** What a queued e-mail refers to; the variables resolver turns it into the case's current data. */
export interface EmailReference {
  caseId: string;
  event: string;
  item: string | null;
}

/**
 * Registered by the module that owns the referenced data (cases): called when the e-mail is sent,
 * outside any transaction; its variables override the fixed ones queued with the e-mail.
 */
export type EmailVariablesResolver = (ref: EmailReference) => Promise<Record<string, unknown>>;

/** A file sent with an e-mail (e.g. the PDF receipt with the submission e-mail). */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * Registered by a module that owns documents: called at each send attempt, outside any
 * transaction, for the files to attach to a queued e-mail ([] for none). It must answer the same
 * bytes at every attempt (stored, immutable documents), so a retry resends the same message.
 * A failure is transient: the e-mail is retried with backoff.
 */
export type EmailAttachmentsResolver = (ref: EmailReference) => Promise<EmailAttachment[]>;

/** A document a notice refers to (an issued act, a receipt): App IO messages link to it, e-mails may attach it. */
export interface NoticeDocumentLink {
  title: string;
  /** Absolute URL of the public verification page of the document. */
  verificationUrl: string;
}

/**
 * Registered by a module that owns documents: the documents a queued notice refers to, for the
 * links of its App IO message. Called at render time, outside any transaction.
 */
export type NoticeDocumentsResolver = (ref: EmailReference) => Promise<NoticeDocumentLink[]>;

/** A topic alert to fan out, one notice per subscriber (who is reached on App IO or by e-mail like any notice). */
export interface EnqueueAlertInput {
  alertId: string;
  topic: string;
  /** What the `allerta` templates read: topicTitle, alertSubject, message, preferencesUrl. */
  variables: { topicTitle: string; alertSubject: string; message: string; preferencesUrl: string };
}

export interface ChannelCounts {
  queued: number;
  sent: number;
  failed: number;
}

/** Delivery of one alert: per channel (`unassigned`: not yet tried, or no channel could reach the citizen). */
export interface AlertDeliveryCounts {
  total: number;
  io: ChannelCounts;
  email: ChannelCounts;
  unassigned: ChannelCounts;
}

export interface AlertRecipientStatus {
  fiscalCode: string;
  channel: 'email' | 'io' | null;
  status: OutboxStatus;
  attempts: number;
  ioMessageId: string | null;
  lastError: string | null;
  sentAt: Date | null;
}

export interface DispatchReport {
  sent: number;
  retried: number;
  failed: number;
}

/** One rendered e-mail: what the citizen reads. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** Which template set produced each part, e.g. `certificato-residenza/accettata` or `accettata`. */
  templates: { subject: string; html: string; text: string };
}
