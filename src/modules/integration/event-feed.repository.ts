import { Transactions } from '../../database';
import { EventData, EventType, IntegrationEvent } from './integration.types';

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

  /**
   * Stores the event (numbered at its commit, see the migration) and, in the same statement, a
   * webhook delivery of `body` for each subscription that wants it: the account must hold
   * events:read and its offices (and procedures, if any) must cover the event, as for the feed.
   * Nothing is stored when the dedupe key was already recorded.
   */
  async insertWithDeliveries(e: Omit<IntegrationEvent, 'seq'> & { dedupeKey?: string }, body: string): Promise<void> {
    await this.tx.manager().query(
      `with event as (
         insert into integration_event (id, dedupe_key, type, case_id, task_id, procedure_key, offices, data, occurred_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (dedupe_key) do nothing
         returning id)
       insert into webhook_delivery (id, subscription_id, event_id, event_type, body)
       select gen_random_uuid(), s.id, event.id, $3, $10
         from event, webhook_subscription s join service_account a on a.id = s.account_id
        where $3 = any(s.event_types)
          and 'events:read' = any(a.scopes)
          and a.offices && $7::text[]
          and (cardinality(a.procedures) = 0 or $6 = any(a.procedures))
          and (cardinality(s.offices) = 0 or s.offices && $7::text[])
          and (cardinality(s.procedures) = 0 or $6 = any(s.procedures))
       on conflict (subscription_id, event_id) do nothing`,
      [e.id, e.dedupeKey ?? e.id, e.type, e.caseId, e.taskId ?? null, e.procedureKey, e.offices, JSON.stringify(e.data), e.occurredAt, body],
    );
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
