/**
 * ANPR (Anagrafe Nazionale della Popolazione Residente) as the platform sees it: the residence
 * check (accertamento di residenza, use case C030 on PDND) for one fiscal code, with the family
 * for a contestuale residenza e stato di famiglia. Dates are ISO `YYYY-MM-DD`.
 */
export const ANPR_PORT = Symbol('ANPR_PORT');

export interface AnprPerson {
  fiscalCode: string;
  givenName: string;
  familyName: string;
  sex: 'M' | 'F';
  birthDate: string;
  /** Comune (province) or foreign state of birth, as ANPR prints it. */
  birthPlace: string;
}

export interface AnprResidence {
  /** Toponym with its kind, e.g. `Via Roma`. */
  street: string;
  streetNumber: string;
  postalCode: string;
  comune: string;
  province: string;
  /** Date of registration at this address (decorrenza della residenza). */
  since: string;
}

export interface AnprFamilyMember {
  fiscalCode: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  /** Relation to the head of the family, as ANPR names it (intestatario scheda, coniuge, figlio/a...). */
  relation: string;
}

export type ResidenceCheck =
  | { outcome: 'resident'; operationId: string; person: AnprPerson; residence: AnprResidence; family: AnprFamilyMember[] }
  | { outcome: 'not-found'; operationId: string }
  | { outcome: 'deceased'; operationId: string; person: AnprPerson; date: string }
  | { outcome: 'emigrated'; operationId: string; person: AnprPerson; date: string; destination: string };

export interface AnprPort {
  /**
   * The residence check for `fiscalCode` (16 characters, upper case). Throws
   * ANPR_UNAVAILABLE when ANPR does not answer (down, 5xx, timeout), ANPR_INVALID for a
   * malformed fiscal code, ANPR_UNAUTHORIZED when the voucher is refused.
   */
  residence(fiscalCode: string): Promise<ResidenceCheck>;
}
