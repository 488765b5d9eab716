import { Inject, Injectable } from '@nestjs/common';
import { PROTOCOL_REGISTRY } from './protocol-registry.port';
import type { ProtocolRegistry } from './protocol-registry.port';
import { AnnulmentRequest, DailyRegister, NewProtocolEntry, ProtocolDirection, ProtocolEntry } from './protocol.types';
import { validateAnnulment, validateDay, validateNewEntry, validateNumberQuery } from './protocol.validation';

/**
 * What other modules call to register documents. Input is checked here, whatever the registry
 * behind the port, so every adapter receives the same well-formed entries. Calls made inside
 * `Transactions.run` join that transaction when the registry is the local one.
 */
@Injectable()
export class ProtocolService {
  constructor(@Inject(PROTOCOL_REGISTRY) private readonly registry: ProtocolRegistry) {}

  /** Throws PROTOCOL_INVALID_ENTRY naming every offending field. */
  async register(entry: NewProtocolEntry): Promise<ProtocolEntry> {
    return this.registry.register(validateNewEntry(entry));
  }

  /** Checks an entry without storing it (throws PROTOCOL_INVALID_ENTRY naming every offending field). */
  validate(entry: unknown): NewProtocolEntry {
    return validateNewEntry(entry);
  }

  async findForCase(caseId: string, direction: ProtocolDirection): Promise<ProtocolEntry | null> {
    return this.registry.findForCase(caseId, direction);
  }

  /** Art. 54: the entry stays readable, with reason, author, date and authorising act. */
  async annul(id: string, annulment: AnnulmentRequest): Promise<ProtocolEntry> {
    return this.registry.annul(id, validateAnnulment(annulment));
  }

  async get(id: string): Promise<ProtocolEntry> {
    return this.registry.get(id);
  }

  /** `number` as printed (`'0000042'`) or as an integer; null when no such entry exists. */
  async findByNumber(year: number | string, number: number | string): Promise<ProtocolEntry | null> {
    const q = validateNumberQuery(year, number);
    return this.registry.findByNumber(q.year, q.number);
  }

  /** The registro giornaliero of a calendar day in Europe/Rome (`YYYY-MM-DD`). */
  async dailyRegister(date: string): Promise<DailyRegister> {
    return this.registry.dailyRegister(validateDay(date));
  }
}
