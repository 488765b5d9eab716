/** The case (pratica) as the API shows it. */
export interface CaseTimelineEntry {
  status: string;
  message: string;
  actorKind: 'citizen' | 'operator' | 'system';
  /** The office that acted (an operator's step), when known. */
  office: string | null;
  at: Date;
}

export interface CitizenTaskView {
  id: string;
  name: string | null;
  formKey: string | null;
  createdAt: Date;
  /** The day by which the citizen should answer: the term of the request that suspended the clock (integration, 10-bis), if any. */
  replyBy: string | null;
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
  /** L. 241/1990 clock: the current deadline, days left (negative when past), and the suspension in course. */
  legalClock: LegalClockView | null;
  outcome: string | null;
  /** Protocol number of the outcome act sent to the citizen. */
  outcomeProtocol: { number: string; year: number } | null;
  closedAt: Date | null;
  /** The citizen withdrew the istanza: when, and its protocol registration. */
  withdrawal: { at: Date; protocol: { number: string; year: number } | null } | null;
  rating: CaseRatingView | null;
  timeline: CaseTimelineEntry[];
  openCitizenTasks: CitizenTaskView[];
}

export interface LegalClockView {
  deadline: string;
  daysLeft: number;
  suspended: boolean;
  suspendedSince: string | null;
  resumesBy: string | null;
  suspendedDays: number;
}

export interface CaseRatingView {
  stars: number;
  comment: string | null;
  ratedAt: Date;
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
  /** A service account with cases:read: its offices, narrowed to its procedures when it lists any. */
  | { kind: 'service'; offices: string[]; procedures: string[] }
  | { kind: 'admin' };

export interface CaseRow {
  id: string;
  code: string;
  procedure_key: string;
  procedure_title: string;
  /** The engine model version the case started on (its forms are the ones deployed with it). */
  model_version_id: string | null;
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
  withdrawn_at?: Date | null;
  withdrawal_protocol_number?: string | null;
  withdrawal_protocol_year?: number | null;
  request_hash: string | null;
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
  // Designers Italia has no "withdrawn" state: a withdrawn istanza ends without being accepted.
  ritirata: 'rifiutata',
};
export const displayStatus = (status: string): CaseView['displayStatus'] => DISPLAY[status] ?? 'in elaborazione';
