import type { FieldError } from '../../common';
import { APP_IO_MESSAGES } from './app-io.messages';
import type { IoNewMessage } from './app-io.port';

const F = APP_IO_MESSAGES.field;

/** App IO's limits on a message (api.io.pagopa.it v1, NewMessage / MessageContent / PaymentData). */
export const IO_LIMITS = { subject: { min: 10, max: 120 }, markdown: { min: 80, max: 10_000 } } as const;
export const IO_FISCAL_CODE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/** A fiscal code App IO can address (a person's); anything else is reached by e-mail only. */
export const ioRecipient = (fiscalCode: string | null | undefined): string | null => (fiscalCode && IO_FISCAL_CODE.test(fiscalCode) ? fiscalCode : null);
export const IO_NOTICE_NUMBER = /^[0123][0-9]{17}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a message against IO's limits before it is queued or sent; field names are IO's own
 * (snake case, as in the request body), so the development IO answers the same errors as this check.
 * `body` is IO's wire shape: {fiscal_code, content: {subject, markdown, due_date, payment_data}}.
 */
export function ioMessageProblems(body: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string): void => void errors.push({ field, message });
  const b = isRecord(body) ? body : {};
  const fc = b.fiscal_code;
  if (typeof fc !== 'string' || !IO_FISCAL_CODE.test(fc)) fail('fiscal_code', F.fiscalCode);
  const content = isRecord(b.content) ? b.content : {};
  if (!isRecord(b.content)) fail('content', F.required);
  for (const name of ['subject', 'markdown'] as const) {
    const v = content[name];
    const { min, max } = IO_LIMITS[name];
    if (v === undefined || v === null || v === '') fail(`content.${name}`, F.required);
    else if (typeof v !== 'string') fail(`content.${name}`, F.notText);
    else if ([...v].length < min || [...v].length > max) fail(`content.${name}`, F.length(min, max));
  }
  extrasProblems(content, 'content.', fail);
  return errors;
}

/** Checks due_date and payment_data of an IO message content (wire shape), reporting fields under `prefix`. */
function extrasProblems(content: Record<string, unknown>, prefix: string, fail: (field: string, message: string) => void): void {
  const due = content.due_date;
  if (due !== undefined && (typeof due !== 'string' || !ISO_DATE_TIME.test(due) || Number.isNaN(Date.parse(due)))) fail(`${prefix}due_date`, F.dateTime);
  const pay = content.payment_data;
  if (pay !== undefined) {
    const p = isRecord(pay) ? pay : {};
    if (!Number.isInteger(p.amount) || (p.amount as number) < 1) fail(`${prefix}payment_data.amount`, F.amount);
    if (typeof p.notice_number !== 'string' || !IO_NOTICE_NUMBER.test(p.notice_number)) fail(`${prefix}payment_data.notice_number`, F.noticeNumber);
    if (p.invalid_after_due_date !== undefined && typeof p.invalid_after_due_date !== 'boolean') fail(`${prefix}payment_data.invalid_after_due_date`, F.flag);
    const payee = p.payee;
    if (payee !== undefined && !(isRecord(payee) && typeof payee.fiscal_code === 'string' && /^\d{11}$/.test(payee.fiscal_code))) {
      fail(`${prefix}payment_data.payee.fiscal_code`, F.payee);
    }
  }
}

/** The due date and payment data a notice will carry on IO, checked when it is queued; fields named as in IO (`due_date`, `payment_data.amount`). */
export function ioExtrasProblems(extras: { dueDate?: unknown; paymentData?: unknown }, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  if (extras.paymentData !== undefined && !isRecord(extras.paymentData)) return [{ field: `${prefix}payment_data`, message: F.required }];
  const wire = ioMessageBody({ fiscalCode: '', subject: '', markdown: '', ...(extras as Partial<IoNewMessage>) }).content as Record<string, unknown>;
  extrasProblems(wire, prefix, (field, message) => void errors.push({ field, message }));
  return errors;
}

/** The message in IO's wire shape (the body of POST /messages). */
export function ioMessageBody(m: IoNewMessage): Record<string, unknown> {
  return {
    fiscal_code: m.fiscalCode,
    content: {
      subject: m.subject,
      markdown: m.markdown,
      ...(m.dueDate !== undefined ? { due_date: m.dueDate } : {}),
      ...(m.paymentData !== undefined
        ? {
            payment_data: {
              amount: m.paymentData.amount,
              notice_number: m.paymentData.noticeNumber,
              ...(m.paymentData.invalidAfterDueDate !== undefined ? { invalid_after_due_date: m.paymentData.invalidAfterDueDate } : {}),
              ...(m.paymentData.payeeFiscalCode !== undefined ? { payee: { fiscal_code: m.paymentData.payeeFiscalCode } } : {}),
            },
          }
        : {}),
    },
  };
}
