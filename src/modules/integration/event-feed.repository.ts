import { randomUUID } from 'node:crypto';
import { Transactions } from '../../database';
import { EventData, EventType, IntegrationEvent, NewIntegrationEvent } from './integration.types';

interface EventRow {
  id: string;
  seq: string;
  type: EventType;
  case_id: string | null;
  task_id: string | null;
  procedure_key: string | null;
  offices: string[];
  data: EventData;
  occurred_at: Date;
}

/** SQL of the event feed. Inserts join the caller's transaction; the number is given at its commit (see the migration). */
export class EventFeedRepository {
  constructor(private readonly tx: Transactions) {}

  /** The stored event (without its number, given at commit), or undefined when its dedupe key was already recorded. */
  async insert(e: NewIntegrationEvent): Promise<Omit<IntegrationEvent, 'seq'> | undefined> {
    const rows: Array<{ id: string; occurred_at: Date }> = await this.tx.manager().query(
      `insert into integration_event (id, dedupe_key, type, case_id, task_id, procedure_key, offices, data)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (dedupe_key) do nothing
       returning id, occurred_at`,
      [randomUUID(), e.dedupeKey ?? randomUUID(), e.type, e.caseId, e.taskId ?? null, e.procedureKey, e.offices, JSON.stringify(e.data)],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { id: row.id, type: e.type, caseId: e.caseId, taskId: e.taskId ?? null, procedureKey: e.procedureKey, offices: e.offices, data: e.data, occurredAt: row.occurred_at };
  }

  /** Committed events after `afterSeq`, in commit order; `offices` keeps those touching any of them, `procedures` those of these procedures. */
  async after(afterSeq: number, limit: number, filter: { offices?: string[]; procedures?: string[]; types?: EventType[] }): Promise<IntegrationEvent[]> {
    const rows: EventRow[] = await this.tx.manager().query(
      `select id, seq, type, case_id, task_id, procedure_key, offices, data, occurred_at
         from integration_event
        where seq > $1
          and ($3::text[] is null or offices && $3::text[])
          and ($4::text[] is null or type = any($4::text[]))
          and ($5::text[] is null or procedure_key = any($5::text[]))
        order by seq
        limit $2`,
      [afterSeq, limit, filter.offices ?? null, filter.types ?? null, filter.procedures ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      seq: Number(r.seq),
      type: r.type,
      caseId: r.case_id,
      taskId: r.task_id,
      procedureKey: r.procedure_key,
      offices: r.offices,
      data: r.data,
      occurredAt: r.occurred_at,
    }));
  }
}
