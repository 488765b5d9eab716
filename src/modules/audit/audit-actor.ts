import { Principal, principalSubject } from '../identity';
import type { AuditRecord, AuditResourceType } from './audit.types';

/** The audit actor of a principal: its kind and stable subject (user id, or fiscal code for citizens). */
export const auditActorOf = (p: Principal): AuditRecord['actor'] => ({ kind: p.kind, subject: principalSubject(p) });

/** An audit record for a call to the HTTP API. */
export const apiAuditRecord = (p: Principal, address: string | undefined, action: string, type: AuditResourceType, id: string): AuditRecord => ({
  actor: auditActorOf(p),
  action,
  resource: { type, id },
  channel: 'api',
  address: address ?? null,
});
