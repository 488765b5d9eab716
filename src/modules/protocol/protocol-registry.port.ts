import { AnnulmentRequest, DailyRegister, NewProtocolEntry, ProtocolEntry } from './protocol.types';

export const PROTOCOL_REGISTRY = Symbol('PROTOCOL_REGISTRY');

/**
 * A protocol register: the local one in our database, or a vendor's system behind an adapter.
 * Input reaching a registry has already been validated by ProtocolService.
 */
export interface ProtocolRegistry {
  /** Assigns the next number of the current year and records the entry, atomically. */
  register(entry: NewProtocolEntry): Promise<ProtocolEntry>;
  /** Annuls an entry (art. 54); throws PROTOCOL_ENTRY_NOT_FOUND or PROTOCOL_ALREADY_ANNULLED. */
  annul(id: string, annulment: AnnulmentRequest): Promise<ProtocolEntry>;
  /** Throws PROTOCOL_ENTRY_NOT_FOUND. */
  get(id: string): Promise<ProtocolEntry>;
  findByNumber(year: number, number: number): Promise<ProtocolEntry | null>;
  /** `date` is a calendar day in Europe/Rome, `YYYY-MM-DD`. */
  dailyRegister(date: string): Promise<DailyRegister>;
}
