import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config';
import type { AppConfig } from '../../config';
import { Transactions } from '../../database';
import { renderDailyRegister } from './daily-register.renderer';
import { Clock } from './protocol.clock';
import { ProtocolAlreadyAnnulledException, ProtocolEntryNotFoundException } from './protocol.exceptions';
import { ProtocolRegistry } from './protocol-registry.port';
import {
  AnnulmentRequest,
  DailyAnnulment,
  DailyRegister,
  DeskIdentification,
  NewProtocolEntry,
  ProtocolChannel,
  ProtocolDirection,
  ProtocolDocument,
  ProtocolEntry,
} from './protocol.types';
import { romeDayBounds, romeYear } from './rome-time';

interface EntryRow {
  id: string;
  aoo: string;
  register: string;
  year: number;
  number: number | null;
  registered_at: Date;
  direction: ProtocolDirection;
  channel: ProtocolChannel;
  correspondent_name: string;
  correspondent_fiscal_code: string | null;
  correspondent_email: string | null;
  subject: string;
  office: string;
  case_id: string | null;
  documents: ProtocolDocument[];
  sender_reference_number: string | null;
  sender_reference_date: string | null;
  identification: DeskIdentification | null;
  registered_by: string | null;
  annulment_reason: string | null;
  annulment_authorised_by: string | null;
  annulment_act: string | null;
  annulled_at: Date | null;
}

const ENTRY_COLUMNS = `e.id, e.aoo, e.register, e.year, e.number, e.registered_at, e.direction, e.channel,
         e.correspondent_name, e.correspondent_fiscal_code, e.correspondent_email, e.subject, e.office,
         e.case_id, e.documents, e.sender_reference_number,
         to_char(e.sender_reference_date, 'YYYY-MM-DD') as sender_reference_date,
         e.identification, e.registered_by`;

const SELECT_ENTRY = `
  select ${ENTRY_COLUMNS},
         a.reason as annulment_reason, a.authorised_by as annulment_authorised_by, a.act as annulment_act,
         a.annulled_at
    from protocol_entry e
    left join protocol_annulment a on a.entry_id = e.id`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Art. 57: at least seven digits. Formatted here, not with lpad, which would truncate longer numbers. */
export const formatProtocolNumber = (n: number): string => String(n).padStart(7, '0');

function toEntry(r: EntryRow): ProtocolEntry {
  const hasReference = r.sender_reference_number !== null || r.sender_reference_date !== null;
  return {
    id: r.id,
    aoo: r.aoo,
    register: r.register,
    year: r.year,
    number: r.number === null ? null : formatProtocolNumber(r.number),
    registeredAt: r.registered_at,
    direction: r.direction,
    channel: r.channel,
    correspondent: { name: r.correspondent_name, fiscalCode: r.correspondent_fiscal_code, email: r.correspondent_email },
    subject: r.subject,
    office: r.office,
    caseId: r.case_id,
    documents: r.documents.map((d) => ({ name: d.name, sha256: d.sha256, mediaType: d.mediaType, size: d.size })),
    senderReference: hasReference ? { number: r.sender_reference_number, date: r.sender_reference_date } : null,
    identification: r.identification,
    registeredBy: r.registered_by,
    annulment:
      r.annulled_at && r.annulment_reason && r.annulment_authorised_by
        ? { reason: r.annulment_reason, authorisedBy: r.annulment_authorised_by, act: r.annulment_act, annulledAt: r.annulled_at }
        : null,
  };
}

/**
 * The register kept in our own database. Every query goes through `Transactions.manager()`, so a
 * registration made inside a use case commits or rolls back with it. The number is assigned by
 * the database at commit (migration ProtocolNumberAtCommit): only a committing transaction takes
 * one, so numbers stay gapless (a sequence would not) and the counter row is held for the commit only.
 */
@Injectable()
export class LocalProtocolRegistry implements ProtocolRegistry {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get aooCode(): string {
    return this.config.PROTOCOL_AOO;
  }

  private get registerCode(): string {
    return this.config.PROTOCOL_REGISTER;
  }

  /**
   * Writes the entry unnumbered; the register's deferred trigger numbers it when the transaction
   * commits. Inside a caller's transaction the entry comes back with `number: null` (the case and
   * its tasks receive the number at commit); on its own, it commits and comes back numbered.
   */
  /** Inside a transaction the entry comes back unnumbered (numbered at its commit); alone, it is read after its commit. */
  async register(entry: NewProtocolEntry): Promise<ProtocolEntry> {
    if (this.tx.current()) return this.insert(entry);
    const { id } = await this.tx.run(() => this.insert(entry));
    return this.get(id);
  }

  /** The new entry as stored, in the insert's own round trip (a new entry has no annulment). */
  private async insert(entry: NewProtocolEntry): Promise<ProtocolEntry> {
    const registeredAt = this.clock.now();
    const [row]: EntryRow[] = await this.tx.manager().query(
      `with e as (
         insert into protocol_entry (aoo, register, year, registered_at, direction, channel,
           correspondent_name, correspondent_fiscal_code, correspondent_email, subject, office, case_id, documents,
           sender_reference_number, sender_reference_date, identification, registered_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15::date, $16, $17)
         returning *)
       select ${ENTRY_COLUMNS}, null::text as annulment_reason, null::text as annulment_authorised_by,
              null::text as annulment_act, null::timestamptz as annulled_at
         from e`,
      [
        this.aooCode,
        this.registerCode,
        romeYear(registeredAt),
        registeredAt,
        entry.direction,
        entry.channel,
        entry.correspondent.name,
        entry.correspondent.fiscalCode ?? null,
        entry.correspondent.email ?? null,
        entry.subject,
        entry.office,
        entry.caseId ?? null,
        JSON.stringify(entry.documents.map((d) => ({ name: d.name, sha256: d.sha256, mediaType: d.mediaType, size: d.size }))),
        entry.senderReference?.number ?? null,
        entry.senderReference?.date ?? null,
        entry.identification ?? null,
        entry.registeredBy ?? null,
      ],
    );
    return toEntry(row);
  }

  async findForCase(caseId: string, direction: ProtocolDirection): Promise<ProtocolEntry | null> {
    const rows: EntryRow[] = await this.tx.manager().query(
      `${SELECT_ENTRY} where e.case_id = $1 and e.direction = $2 and e.aoo = $3 and e.register = $4 order by e.registered_at limit 1`,
      [caseId, direction, this.aooCode, this.registerCode],
    );
    return rows.length ? toEntry(rows[0]) : null;
  }

  annul(id: string, annulment: AnnulmentRequest): Promise<ProtocolEntry> {
    return this.tx.run(async () => {
      const entry = await this.get(id);
      if (entry.annulment) throw new ProtocolAlreadyAnnulledException(id, entry.year, entry.number ?? '');
      // A concurrent annulment makes this insert wait, then do nothing: the unique entry_id decides.
      const inserted: { id: string }[] = await this.tx.manager().query(
        `insert into protocol_annulment (entry_id, reason, authorised_by, act, annulled_at)
         values ($1, $2, $3, $4, $5)
         on conflict (entry_id) do nothing
         returning id`,
        [id, annulment.reason, annulment.authorisedBy, annulment.act ?? null, this.clock.now()],
      );
      if (inserted.length === 0) throw new ProtocolAlreadyAnnulledException(id, entry.year, entry.number ?? '');
      return this.get(id);
    });
  }

  async get(id: string): Promise<ProtocolEntry> {
    if (!UUID.test(id)) throw new ProtocolEntryNotFoundException(id);
    const rows: EntryRow[] = await this.tx.manager().query(`${SELECT_ENTRY} where e.id = $1`, [id]);
    if (rows.length === 0) throw new ProtocolEntryNotFoundException(id);
    return toEntry(rows[0]);
  }

  async findByNumber(year: number, number: number): Promise<ProtocolEntry | null> {
    const rows: EntryRow[] = await this.tx.manager().query(
      `${SELECT_ENTRY} where e.aoo = $1 and e.register = $2 and e.year = $3 and e.number = $4`,
      [this.aooCode, this.registerCode, year, number],
    );
    return rows.length ? toEntry(rows[0]) : null;
  }

  async dailyRegister(date: string): Promise<DailyRegister> {
    const { start, end } = romeDayBounds(date);
    const em = this.tx.manager();
    const entryRows: EntryRow[] = await em.query(
      `${SELECT_ENTRY}
        where e.aoo = $1 and e.register = $2 and e.registered_at >= $3 and e.registered_at < $4
        order by e.year, e.number`,
      [this.aooCode, this.registerCode, start, end],
    );
    const annulmentRows: { entry_id: string; year: number; number: number; reason: string; authorised_by: string; act: string | null; annulled_at: Date }[] =
      await em.query(
        `select a.entry_id, e.year, e.number, a.reason, a.authorised_by, a.act, a.annulled_at
           from protocol_annulment a
           join protocol_entry e on e.id = a.entry_id
          where e.aoo = $1 and e.register = $2 and a.annulled_at >= $3 and a.annulled_at < $4
          order by a.annulled_at, e.year, e.number`,
        [this.aooCode, this.registerCode, start, end],
      );
    const annulments: DailyAnnulment[] = annulmentRows.map((r) => ({
      entryId: r.entry_id,
      year: r.year,
      number: formatProtocolNumber(r.number),
      reason: r.reason,
      authorisedBy: r.authorised_by,
      act: r.act,
      annulledAt: r.annulled_at,
    }));
    return renderDailyRegister({ date, aoo: this.aooCode, register: this.registerCode, entries: entryRows.map(toEntry), annulments });
  }
}
