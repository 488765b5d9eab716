import { Applicant } from './cases.types';

/** Contract 1 (team brief): what a filing listener sees, inside the filing transaction. */
export interface FilingContext {
  caseId: string;
  procedureKey: string;
  applicant: Applicant;
  data: Record<string, unknown>;
  channel: string;
}

/** Documents a listener adds to the filing; they are listed, with their SHA-256, on the inbound protocol entry. */
export interface FilingContribution {
  documents?: Array<{ name: string; sha256: string; mediaType: string; size: number }>;
}

/**
 * Runs inside the filing transaction, after the case row is inserted and before the inbound
 * protocol entry is written. A thrown DomainException rolls the whole filing back: nothing is
 * stored and no protocol number is consumed.
 */
export type FilingListener = (ctx: FilingContext) => Promise<FilingContribution | void>;
