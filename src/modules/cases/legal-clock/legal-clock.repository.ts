import { Transactions } from '../../../database';
import { caseRowKey } from '../case-row-key';
import { CalendarDate } from './calendar-date';
import { Suspension, SuspensionKind } from './legal-clock';

export interface SuspensionRow {
  id: string;
  case_id: string;
  kind: SuspensionKind;
  item_id: string;
  started_on: string | Date;
  resumes_on: string | Date | null;
  auto_resume_days: number;
  max_days: number;
  refused: boolean;
}

export interface StoredSuspension extends Suspension {
  id: string;
  itemId: string;
  refused: boolean;
}

const day = (d: string | Date): CalendarDate => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

const toSuspension = (r: SuspensionRow): StoredSuspension => ({
  id: String(r.id),
  itemId: r.item_id,
  kind: r.kind,
  from: day(r.started_on),
  resumesOn: r.resumes_on === null ? null : day(r.resumes_on),
  autoResumeDays: r.auto_resume_days,
  maxDays: r.max_days,
  refused: r.refused,
});

const suspensionsKey = (caseId: string): string => `case_clock_suspension:${caseId}`;

/** case_clock_suspension, the deadline on case_file and the due dates of the case's open tasks. */
export class LegalClockRepository {
  constructor(private readonly tx: Transactions) {}

  /** Read once per transaction (every transition batch and every case view asks). */
  list(caseId: string): Promise<StoredSuspension[]> {
    return this.tx.memo(suspensionsKey(caseId), async () => {
      const rows = (await this.tx.manager().query(`select * from case_clock_suspension where case_id = $1 order by id`, [caseId])) as SuspensionRow[];
      return rows.map(toSuspension);
    });
  }

  /** The suspensions as `case_clock_suspension` rows already read elsewhere (one query for a whole case view). */
  static fromRows(rows: SuspensionRow[]): StoredSuspension[] {
    return rows.map(toSuspension);
  }

  async start(s: { caseId: string; itemId: string; kind: SuspensionKind; from: CalendarDate; autoResumeDays: number; maxDays: number; refused: boolean }): Promise<boolean> {
    const inserted = (await this.tx.manager().query(
      `insert into case_clock_suspension (case_id, kind, item_id, started_on, auto_resume_days, max_days, refused)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (case_id, item_id) do nothing returning id`,
      [s.caseId, s.kind, s.itemId, s.from, s.autoResumeDays, s.maxDays, s.refused],
    )) as unknown[];
    this.tx.forget(suspensionsKey(s.caseId));
    return inserted.length > 0;
  }

  async resume(caseId: string, id: string, resumesOn: CalendarDate): Promise<void> {
    await this.tx.manager().query(`update case_clock_suspension set resumes_on = $2 where id = $1 and resumes_on is null`, [id, resumesOn]);
    this.tx.forget(suspensionsKey(caseId));
  }

  /** A timeline entry that does not change the case's status (the clock is not a step of the procedure). */
  async timeline(e: { caseId: string; status: string; message: string; actorKind: 'citizen' | 'operator' | 'system'; elementId: string; itemId: string }): Promise<void> {
    await this.tx.manager().query(
      `insert into case_event (case_id, status, message, actor_kind, element_id, item_id) values ($1, $2, $3, $4, $5, $6)
       on conflict (case_id, item_id, status) do nothing`,
      [e.caseId, e.status, e.message, e.actorKind, e.elementId, e.itemId],
    );
  }

  /** The case's deadline and its open tasks' due dates follow the clock (one statement). */
  async storeDeadline(caseId: string, deadline: CalendarDate): Promise<void> {
    await this.tx.manager().query(
      `with moved as (update case_file set legal_deadline = $2 where id = $1 and legal_deadline is distinct from $2::date)
       update task set due_at = $2 where case_id = $1 and status = 'open' and due_at is distinct from $2::date`,
      [caseId, deadline],
    );
    this.tx.forget(caseRowKey(caseId));
  }
}
