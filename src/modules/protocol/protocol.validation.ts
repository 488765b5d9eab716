import { FieldError, isPersonOrLegalFiscalCode, normaliseFiscalCode } from '../../common';
import {
  ProtocolInvalidAnnulmentException,
  ProtocolInvalidEntryException,
  ProtocolInvalidQueryException,
} from './protocol.exceptions';
import { PROTOCOL_MESSAGES } from './protocol.messages';
import {
  AnnulmentRequest,
  CHANNELS,
  DIRECTIONS,
  IDENTIFICATIONS,
  NewProtocolEntry,
  ProtocolDocument,
} from './protocol.types';
import { isCalendarDate } from './rome-time';

const F = PROTOCOL_MESSAGES.field;
export const SUBJECT_MAX = 1000;
const NAME_MAX = 500;
const MAX_DOCUMENTS = 200;

type Bag = Record<string, unknown>;
const isBag = (v: unknown): v is Bag => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown): boolean => v === undefined || v === null;

/** Collects every problem of one input, so the caller can fix them all at once. */
class Checker {
  readonly errors: FieldError[] = [];

  fail(field: string, message: string): undefined {
    this.errors.push({ field, message });
    return undefined;
  }

  text(v: unknown, field: string, opts: { required: boolean; max: number; pattern?: RegExp; patternMessage?: string }): string | undefined {
    if (absent(v) || (typeof v === 'string' && v.trim() === '')) {
      return opts.required ? this.fail(field, F.required) : undefined;
    }
    if (typeof v !== 'string') return this.fail(field, F.notText);
    const value = v.trim();
    if (value.length > opts.max) return this.fail(field, F.tooLong(opts.max));
    if (opts.pattern && !opts.pattern.test(value)) return this.fail(field, opts.patternMessage ?? F.notText);
    return value;
  }

  oneOf<T extends string>(v: unknown, field: string, values: readonly T[]): T | undefined {
    if (absent(v) || v === '') return this.fail(field, F.required);
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) return this.fail(field, F.oneOf(values));
    return v as T;
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const OFFICE_KEY = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

function checkDocuments(c: Checker, v: unknown): ProtocolDocument[] {
  if (absent(v)) return [];
  if (!Array.isArray(v)) return c.fail('documents', F.notArray) ?? [];
  if (v.length > MAX_DOCUMENTS) return c.fail('documents', F.tooMany(MAX_DOCUMENTS)) ?? [];
  return v.flatMap((raw: unknown, i): ProtocolDocument[] => {
    const at = `documents.${i}`;
    if (!isBag(raw)) return c.fail(at, F.notObject) ?? [];
    const d = raw;
    const name = c.text(d.name, `${at}.name`, { required: true, max: 255 });
    const sha256 = c.text(typeof d.sha256 === 'string' ? d.sha256.toLowerCase() : d.sha256, `${at}.sha256`, {
      required: true, max: 64, pattern: SHA256, patternMessage: F.sha256,
    });
    const mediaType = c.text(typeof d.mediaType === 'string' ? d.mediaType.toLowerCase() : d.mediaType, `${at}.mediaType`, {
      required: true, max: 255, pattern: MEDIA_TYPE, patternMessage: F.mediaType,
    });
    const size = d.size;
    const sizeOk = typeof size === 'number' && Number.isSafeInteger(size) && size >= 0;
    if (absent(size)) c.fail(`${at}.size`, F.required);
    else if (!sizeOk) c.fail(`${at}.size`, F.size);
    return name && sha256 && mediaType && sizeOk ? [{ name, sha256, mediaType, size: size as number }] : [];
  });
}

/** Checks and normalises an entry (trimmed texts, upper-case fiscal code, lower-case digests). */
export function validateNewEntry(input: unknown): NewProtocolEntry {
  const c = new Checker();
  if (!isBag(input)) throw new ProtocolInvalidEntryException([{ field: '(root)', message: F.notObject }]);
  const direction = c.oneOf(input.direction, 'direction', DIRECTIONS);
  const channel = c.oneOf(input.channel, 'channel', CHANNELS);

  let correspondent: NewProtocolEntry['correspondent'] | undefined;
  if (absent(input.correspondent)) c.fail('correspondent', F.required);
  else if (!isBag(input.correspondent)) c.fail('correspondent', F.notObject);
  else {
    const raw = input.correspondent;
    const name = c.text(raw.name, 'correspondent.name', { required: true, max: NAME_MAX });
    const fiscalCode = c.text(
      typeof raw.fiscalCode === 'string' ? normaliseFiscalCode(raw.fiscalCode) : raw.fiscalCode,
      'correspondent.fiscalCode',
      { required: false, max: 16 },
    );
    if (fiscalCode !== undefined && !isPersonOrLegalFiscalCode(fiscalCode)) c.fail('correspondent.fiscalCode', F.fiscalCode);
    const email = c.text(raw.email, 'correspondent.email', { required: false, max: 254, pattern: EMAIL, patternMessage: F.email });
    if (name) {
      correspondent = { name, ...(fiscalCode ? { fiscalCode } : {}), ...(email ? { email } : {}) };
    }
  }

  const subject = c.text(input.subject, 'subject', { required: true, max: SUBJECT_MAX });
  const office = c.text(input.office, 'office', { required: true, max: 64, pattern: OFFICE_KEY, patternMessage: F.officeKey });
  const caseId = c.text(input.caseId, 'caseId', { required: false, max: 100, pattern: CASE_ID, patternMessage: F.caseId });
  const documents = checkDocuments(c, input.documents);

  let senderReference: NewProtocolEntry['senderReference'];
  if (!absent(input.senderReference)) {
    if (!isBag(input.senderReference)) c.fail('senderReference', F.notObject);
    else {
      const number = c.text(input.senderReference.number, 'senderReference.number', { required: false, max: 100 });
      const date = c.text(input.senderReference.date, 'senderReference.date', { required: false, max: 10 });
      if (date !== undefined && !isCalendarDate(date)) c.fail('senderReference.date', F.date);
      if (number || date) senderReference = { ...(number ? { number } : {}), ...(date ? { date } : {}) };
    }
  }

  let identification: NewProtocolEntry['identification'];
  if (channel === 'desk') {
    if (absent(input.identification)) c.fail('identification', F.deskIdentification);
    else identification = c.oneOf(input.identification, 'identification', IDENTIFICATIONS);
  } else if (!absent(input.identification)) {
    c.fail('identification', F.onlyAtDesk);
  }
  const registeredBy = c.text(input.registeredBy, 'registeredBy', { required: false, max: 200 });

  if (c.errors.length || !direction || !channel || !correspondent || !subject || !office) {
    throw new ProtocolInvalidEntryException(c.errors);
  }
  return {
    direction,
    channel,
    correspondent,
    subject,
    office,
    documents,
    ...(caseId ? { caseId } : {}),
    ...(senderReference ? { senderReference } : {}),
    ...(identification ? { identification } : {}),
    ...(registeredBy ? { registeredBy } : {}),
  };
}

export function validateAnnulment(input: unknown): AnnulmentRequest {
  const c = new Checker();
  if (!isBag(input)) throw new ProtocolInvalidAnnulmentException([{ field: '(root)', message: F.notObject }]);
  const reason = c.text(input.reason, 'reason', { required: true, max: 2000 });
  const authorisedBy = c.text(input.authorisedBy, 'authorisedBy', { required: true, max: 200 });
  const act = c.text(input.act, 'act', { required: false, max: 500 });
  if (c.errors.length || !reason || !authorisedBy) throw new ProtocolInvalidAnnulmentException(c.errors);
  return { reason, authorisedBy, ...(act ? { act } : {}) };
}

/** A year and a number as written on a document (`'0000042'`) or as integers. */
export function validateNumberQuery(year: unknown, number: unknown): { year: number; number: number } {
  const errors: FieldError[] = [];
  const y = typeof year === 'string' && /^\d{4}$/.test(year) ? Number(year) : year;
  const n = typeof number === 'string' && /^\d{1,10}$/.test(number) ? Number(number) : number;
  const yearOk = typeof y === 'number' && Number.isInteger(y) && y >= 1900 && y <= 9999;
  const numberOk = typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 2_147_483_647;
  if (!yearOk) errors.push({ field: 'year', message: F.year });
  if (!numberOk) errors.push({ field: 'number', message: F.number });
  if (errors.length) throw new ProtocolInvalidQueryException(errors);
  return { year: y as number, number: n as number };
}

export function validateDay(date: unknown): string {
  if (typeof date !== 'string' || !isCalendarDate(date)) {
    throw new ProtocolInvalidQueryException([{ field: 'date', message: F.date }]);
  }
  return date;
}
