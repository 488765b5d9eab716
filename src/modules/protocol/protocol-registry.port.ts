import { AnnulmentRequest, DailyRegister, NewProtocolEntry, ProtocolDirection, ProtocolEntry } from './protocol.types';

export const PROTOCOL_REGISTRY = Symbol('PROTOCOL_REGISTRY');

/**
 * A protocol register: the local one in our database, or a vendor's system behind an adapter.
 * Input reaching a registry has already been validated by ProtocolService.
 */
export interface ProtocolRegistry {
  /**
   * Records the entry; it gets the next number of its year when the transaction commits. Called
   * inside a caller's transaction the entry comes back unnumbered (`number: null`).
   */
  register(entry: NewProtocolEntry): Promise<ProtocolEntry>;
  /** The first entry of that direction recorded for a case (e.g. the istanza's inbound entry). */
  findForCase(caseId: string, direction: ProtocolDirection): Promise<ProtocolEntry | null>;
  /** Annuls an entry (art. 54); throws PROTOCOL_ENTRY_NOT_FOUND or PROTOCOL_ALREADY_ANNULLED. */
  annul(id: string, annulment: AnnulmentRequest): Promise<ProtocolEntry>;
  /** Throws PROTOCOL_ENTRY_NOT_FOUND. */
  get(id: string): Promise<ProtocolEntry>;
  findByNumber(year: number, number: number): Promise<ProtocolEntry | null>;
  /** `date` is a calendar day in Europe/Rome, `YYYY-MM-DD`. */
  dailyRegister(date: string): Promise<DailyRegister>;
}
