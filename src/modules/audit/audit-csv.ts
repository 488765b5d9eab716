import type { AuditEntry } from './audit.types';

export const AUDIT_CSV_HEADER = 'seq,occurred_at,actor_kind,actor_subject,action,resource_type,resource_id,channel,address,prev_hash,hash';

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets never run it as a formula. */
const cell = (v: string | number | null): string => {
  if (v === null) return '';
  let s = String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const auditCsvLine = (e: AuditEntry): string =>
  [e.seq, e.occurredAt, e.actorKind, e.actorSubject, e.action, e.resourceType, e.resourceId, e.channel, e.address, e.prevHash, e.hash].map(cell).join(',');
