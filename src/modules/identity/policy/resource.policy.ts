import { PolicySubject, worksIn } from './policy-subject';

/** Procedures: the catalogue is public; analysts (and admins) publish. */
export const canReadProcedure = (_s: PolicySubject | undefined): boolean => true;
export const canPublishProcedure = (s: PolicySubject): boolean => s.kind === 'analyst' || s.kind === 'admin';

/** Documents and messages belong to a citizen and to the office handling their case. */
export interface OwnedFacts {
  ownerFiscalCode: string;
  office: string | null;
}

export function canReadDocument(s: PolicySubject, d: OwnedFacts): boolean {
  if (s.kind === 'citizen') return s.fiscalCode === d.ownerFiscalCode;
  if (s.kind === 'operator') return d.office !== null && worksIn(s, d.office);
  return s.kind === 'admin';
}

export const canReadMessage = canReadDocument;

/** Users, memberships and the audit trail: administrators only. */
export const canAdministerUsers = (s: PolicySubject): boolean => s.kind === 'admin';
export const canReadAudit = (s: PolicySubject): boolean => s.kind === 'admin';
