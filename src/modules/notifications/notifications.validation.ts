import { FieldError } from '../../common';
import { IO_FISCAL_CODE, ioExtrasProblems } from '../app-io';
import type { IoExtras } from './outbox.repository';
import { NotificationsInvalidEmailException } from './notifications.exceptions';
import { NOTIFICATIONS_MESSAGES } from './notifications.messages';
import { ALERT_EVENT, EMAIL_EVENTS, EmailEvent, EMAIL_LOCALES, EmailLocale, EmailVariables } from './notifications.types';

const F = NOTIFICATIONS_MESSAGES.field;

/** Pragmatic RFC 5321 shape: one local part, one dotted domain, no spaces or angle brackets. */
const EMAIL = /^[^\s@<>()[\],;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
/** Same shape as a catalogue key; it also names a template folder, so no dots or slashes. */
const PROCEDURE_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface ValidEmailRequest {
  caseId: string;
  event: EmailEvent;
  procedureKey: string;
  to: string | null;
  fiscalCode: string | null;
  io: IoExtras | null;
  locale: EmailLocale;
  /** Fixed variables; the rest comes from the variables resolver when the e-mail is sent. */
  variables: Record<string, unknown>;
  item: string | null;
  dedupeKey: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T => values.includes(v as T);

/** IO's wire names (due_date, payment_data.notice_number, …) as the caller wrote them (dueDate, paymentData.noticeNumber, …). */
const camelField = (field: string): string =>
  field.replace('payment_data.payee.fiscal_code', 'paymentData.payeeFiscalCode').replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Checks a request from another module; every problem names its field. */
export function validateEmailRequest(input: unknown): ValidEmailRequest {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  const body = isRecord(input) ? input : {};
  if (!isRecord(input)) fail('(root)', F.notObject);

  const text = (field: string, max: number): string | undefined => {
    const v = body[field];
    if (v === undefined || v === null || v === '') return void fail(field, F.required);
    if (typeof v !== 'string') return void fail(field, F.notText);
    if (v.trim() === '') return void fail(field, F.required);
    if (v.length > max) return void fail(field, F.tooLong(max));
    if (/[\r\n]/.test(v)) return void fail(field, F.singleLine);
    return v;
  };

  const caseId = text('caseId', 100);
  const dedupeKey = text('dedupeKey', 200);
  const fiscalCode = body.fiscalCode === undefined || body.fiscalCode === null ? undefined : body.fiscalCode;
  if (fiscalCode !== undefined && (typeof fiscalCode !== 'string' || !IO_FISCAL_CODE.test(fiscalCode))) fail('fiscalCode', F.fiscalCode);
  // An address is needed unless the citizen may be reached on App IO by fiscal code.
  const to = fiscalCode !== undefined && (body.to === undefined || body.to === null) ? undefined : text('to', 254);
  if (to !== undefined && !EMAIL.test(to)) fail('to', F.email);
  const io = body.io ?? null;
  if (io !== null) {
    if (!isRecord(io)) fail('io', F.notObject);
    else {
      for (const e of ioExtrasProblems(io, 'io.')) fail(camelField(e.field), e.message);
      for (const key of Object.keys(io)) if (key !== 'dueDate' && key !== 'paymentData') fail(`io.${key}`, F.oneOf(['dueDate', 'paymentData']));
    }
  }
  const procedureKey = text('procedureKey', 100);
  if (procedureKey !== undefined && !PROCEDURE_KEY.test(procedureKey)) fail('procedureKey', F.procedureKey);
  const event = text('event', 40);
  if (event !== undefined && !oneOf(EMAIL_EVENTS, event)) fail('event', F.oneOf(EMAIL_EVENTS));
  const locale = body.locale ?? 'it';
  if (!oneOf(EMAIL_LOCALES, locale)) fail('locale', F.oneOf(EMAIL_LOCALES));

  const variables = body.variables ?? {};
  if (!isRecord(variables)) fail('variables', F.notObject);
  else checkVariables(variables, fail, false, event);
  const item = body.item ?? null;
  if (item !== null && (typeof item !== 'string' || item.length > 200)) fail('item', F.notText);

  if (errors.length > 0) throw new NotificationsInvalidEmailException(errors);
  return {
    caseId: caseId as string,
    event: event as EmailEvent,
    procedureKey: procedureKey as string,
    to: to ?? null,
    fiscalCode: (fiscalCode as string | undefined) ?? null,
    io: io as IoExtras | null,
    locale: locale as EmailLocale,
    variables: variables as Record<string, unknown>,
    item: item as string | null,
    dedupeKey: dedupeKey as string,
  };
}

/** The variables an e-mail is rendered with, at send time (fixed ones merged with the resolved ones). */
export function validateEmailVariables(variables: Record<string, unknown>, event?: string): EmailVariables {
  const errors: FieldError[] = [];
  checkVariables(variables, (field, message) => errors.push({ field, message }), true, event);
  if (errors.length > 0) throw new NotificationsInvalidEmailException(errors);
  return variables as EmailVariables;
}

function checkVariables(variables: Record<string, unknown>, fail: (field: string, message: string) => void, complete: boolean, event?: string): void {
  const title = variables.procedureTitle;
  if (title === undefined || title === null || title === '') {
    // A topic alert is about no procedure.
    if (complete && event !== ALERT_EVENT) fail('variables.procedureTitle', F.required);
  } else if (typeof title !== 'string') fail('variables.procedureTitle', F.notText);
  for (const name of ['citizenName', 'protocolNumber', 'office', 'message', 'caseUrl'] as const) {
    const v = variables[name];
    if (v !== undefined && v !== null && typeof v !== 'string') fail(`variables.${name}`, F.notText);
  }
  const url = variables.caseUrl;
  if (typeof url === 'string' && !/^https?:\/\/[^\s]+$/.test(url)) fail('variables.caseUrl', F.url);
}
