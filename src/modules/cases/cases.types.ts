/** The case (pratica) as the API shows it. */
export interface CaseTimelineEntry {
  status: string;
  message: string;
  actorKind: 'citizen' | 'operator' | 'system';
  at: Date;
}

export interface CitizenTaskView {
  id: string;
  name: string | null;
  formKey: string | null;
  createdAt: Date;
}

export interface CaseView {
  id: string;
  code: string;
  procedure: { key: string; title: string };
  office: string;
  status: string;
  /** Designers Italia state for the personal area. */
  displayStatus: 'inviata' | 'in elaborazione' | 'da integrare' | 'accettata' | 'rifiutata';
  submittedAt: Date;
  protocol: { number: string; year: number; date: Date | null } | null;
  takenInChargeAt: Date | null;
  legalDays: number;
  legalDeadline: string;
  outcome: string | null;
  /** Protocol number of the outcome act sent to the citizen. */
  outcomeProtocol: { number: string; year: number } | null;
  closedAt: Date | null;
  timeline: CaseTimelineEntry[];
  openCitizenTasks: CitizenTaskView[];
}

export interface CaseSummary {
  id: string;
  code: string;
  procedure: { key: string; title: string };
  status: string;
  displayStatus: CaseView['displayStatus'];
  submittedAt: Date;
  protocolNumber: string | null;
  legalDeadline: string;
}

/** Who files a case: a citizen authenticated with SPID/CIE (or an operator at the desk on their behalf). */
export interface Applicant {
  fiscalCode: string;
  givenName: string;
  familyName: string;
  email?: string;
}

/** Who looks at a case. */
export type CaseViewer =
  | { kind: 'citizen'; fiscalCode: string }
  | { kind: 'operator'; offices: string[] }
  | { kind: 'admin' };

export interface CaseRow {
  id: string;
  code: string;
  procedure_key: string;
  procedure_title: string;
  office: string;
  citizen_fiscal_code: string;
  citizen_name: string;
  citizen_email: string | null;
  status: string;
  data: Record<string, unknown>;
  instance_id: string | null;
  protocol_number: string | null;
  protocol_year: number | null;
  protocol_date: Date | null;
  submitted_at: Date;
  taken_in_charge_at: Date | null;
  legal_days: number;
  legal_deadline: string;
  outcome: string | null;
  outcome_protocol_number: string | null;
  outcome_protocol_year: number | null;
  closed_at: Date | null;
}

const DISPLAY: Record<string, CaseView['displayStatus']> = {
  inviata: 'inviata',
  'presa-in-carico': 'in elaborazione',
  'in-lavorazione': 'in elaborazione',
  sospesa: 'in elaborazione',
  'da-integrare': 'da integrare',
  accettata: 'accettata',
  conclusa: 'accettata',
  rifiutata: 'rifiutata',
};
export const displayStatus = (status: string): CaseView['displayStatus'] => DISPLAY[status] ?? 'in elaborazione';

/** Contract 1: what a filing listener learns about the case being filed. */
export interface FilingContext {
  caseId: string;
  procedureKey: string;
  applicant: Applicant;
  /** The start-form data as validated (visible, enabled fields only). */
  data: Record<string, unknown>;
  channel: string;
}

/** Contract 1: what a listener adds to the filing: documents listed, with their digests, on the inbound protocol entry. */
export interface FilingContribution {
  documents?: Array<{ name: string; sha256: string; mediaType: string; size: number }>;
}

/**
 * Runs inside the filing transaction, after the case row is inserted and before the inbound
 * protocol entry is written. A thrown DomainException rolls the whole filing back.
 */
export type FilingListener = (ctx: FilingContext) => Promise<FilingContribution | void>;
