import { PolicySubject, worksIn } from './policy-subject';

/** What a case policy looks at. */
export interface CaseFacts {
  office: string;
  citizenFiscalCode: string;
  procedureKey?: string;
}

/** The applicant, an operator of the case's office, an administrator. */
export function canReadCase(s: PolicySubject, c: CaseFacts): boolean {
  switch (s.kind) {
    case 'citizen':
      return s.fiscalCode === c.citizenFiscalCode;
    case 'operator':
      return worksIn(s, c.office);
    case 'admin':
      return true;
    case 'analyst':
      return false;
    case 'service':
      return s.offices.includes(c.office) && (s.procedures.length === 0 || (c.procedureKey !== undefined && s.procedures.includes(c.procedureKey)));
  }
}

/** Citizens file cases in their own name and list their own. */
export const canFileCase = (s: PolicySubject): boolean => s.kind === 'citizen';
export const canListOwnCases = (s: PolicySubject): boolean => s.kind === 'citizen';

/** A read of a case by staff shows personal data and is audited. */
export const isPersonalDataView = (s: PolicySubject): boolean => s.kind === 'operator' || s.kind === 'admin';
