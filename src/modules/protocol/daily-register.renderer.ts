import { createHash } from 'node:crypto';
import { DailyAnnulment, DailyRegister, ProtocolEntry } from './protocol.types';
import { romeIsoString } from './rome-time';

export interface DailyRegisterInput {
  date: string;
  aoo: string;
  register: string;
  entries: ProtocolEntry[];
  annulments: DailyAnnulment[];
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * An entry as the day recorded it. Its later annulment is not part of it: that belongs to the
 * register of the day it happened, so a day's document never changes once the day is over.
 */
function entryRecord(e: ProtocolEntry) {
  return {
    id: e.id,
    year: e.year,
    number: e.number,
    registeredAt: romeIsoString(e.registeredAt),
    direction: e.direction,
    channel: e.channel,
    correspondent: { name: e.correspondent.name, fiscalCode: e.correspondent.fiscalCode, email: e.correspondent.email },
    subject: e.subject,
    office: e.office,
    caseId: e.caseId,
    documents: e.documents.map((d) => ({ name: d.name, sha256: d.sha256, mediaType: d.mediaType, size: d.size })),
    senderReference: e.senderReference ? { number: e.senderReference.number, date: e.senderReference.date } : null,
    identification: e.identification,
    registeredBy: e.registeredBy,
  };
}

function annulmentRecord(a: DailyAnnulment) {
  return {
    entryId: a.entryId,
    year: a.year,
    number: a.number,
    annulledAt: romeIsoString(a.annulledAt),
    reason: a.reason,
    authorisedBy: a.authorisedBy,
    act: a.act,
  };
}

const CSV_HEADER = [
  'record', 'year', 'number', 'timestamp', 'direction', 'channel', 'correspondentName', 'correspondentFiscalCode',
  'correspondentEmail', 'subject', 'office', 'caseId', 'documents', 'senderReferenceNumber', 'senderReferenceDate',
  'identification', 'registeredBy', 'reason', 'authorisedBy', 'act', 'entryId',
];

/** RFC 4180 quoting; cells a spreadsheet would run as a formula get a leading apostrophe. */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toCsv(entries: ProtocolEntry[], annulments: DailyAnnulment[]): string {
  const rows: (string | number | null)[][] = [CSV_HEADER];
  for (const e of entries) {
    rows.push([
      'registrazione', e.year, e.number, romeIsoString(e.registeredAt), e.direction, e.channel, e.correspondent.name,
      e.correspondent.fiscalCode, e.correspondent.email, e.subject, e.office, e.caseId,
      e.documents.map((d) => `${d.name} (${d.mediaType}, ${d.size} byte, sha256 ${d.sha256})`).join('; '),
      e.senderReference?.number ?? null, e.senderReference?.date ?? null, e.identification, e.registeredBy,
      null, null, null, e.id,
    ]);
  }
  for (const a of annulments) {
    rows.push([
      'annullamento', a.year, a.number, romeIsoString(a.annulledAt), null, null, null, null, null, null, null, null,
      null, null, null, null, null, a.reason, a.authorisedBy, a.act, a.entryId,
    ]);
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Builds the day's export document (canonical JSON, fixed key order) and its digest. */
export function renderDailyRegister(input: DailyRegisterInput): DailyRegister {
  const entries = [...input.entries].sort((a, b) => a.year - b.year || Number(a.number) - Number(b.number));
  const annulments = [...input.annulments].sort(
    (a, b) => a.annulledAt.getTime() - b.annulledAt.getTime() || a.year - b.year || Number(a.number) - Number(b.number),
  );
  const document = {
    type: 'registro-giornaliero-protocollo',
    aoo: input.aoo,
    register: input.register,
    date: input.date,
    entryCount: entries.length,
    annulmentCount: annulments.length,
    entries: entries.map(entryRecord),
    annulments: annulments.map(annulmentRecord),
  };
  const json = `${JSON.stringify(document, null, 2)}\n`;
  const csv = toCsv(entries, annulments);
  return { date: input.date, aoo: input.aoo, register: input.register, entries, annulments, json, csv, digest: sha256(json), csvDigest: sha256(csv) };
}
