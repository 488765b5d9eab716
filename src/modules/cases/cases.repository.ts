import { returnedRows, Transactions } from '../../database';
import { caseRowKey } from './case-row-key';
import { CaseRatingView, CaseRow, CaseTimelineEntry, CitizenTaskView } from './cases.types';
import type { SuspensionRow } from './legal-clock/legal-clock.repository';

export interface NewCase {
  id: string;
  code: string;
  procedureKey: string;
  procedureTitle: string;
  modelVersionId: string;
  office: string;
  citizenFiscalCode: string;
  citizenName: string;
  citizenEmail: string | null;
  channel: string;
  status: string;
  data: Record<string, unknown>;
  submittedAt: Date;
  legalDays: number;
  legalDeadline: string;
  idempotencyKey: string | null;
  requestHash: string;
}

/** case_file and case_event; every query joins the caller's transaction. */
export class CasesRepository {
  constructor(private readonly tx: Transactions) {}

  async insert(c: NewCase): Promise<void> {
    await this.tx.manager().query(
      `insert into case_file (id, code, procedure_key, procedure_title, model_version_id, office, citizen_fiscal_code, citizen_name,
         citizen_email, channel, status, data, submitted_at, legal_days, legal_deadline, idempotency_key, request_hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15, $16, $17)`,
      [c.id, c.code, c.procedureKey, c.procedureTitle, c.modelVersionId, c.office, c.citizenFiscalCode, c.citizenName, c.citizenEmail, c.channel, c.status, JSON.stringify(c.data), c.submittedAt, c.legalDays, c.legalDeadline, c.idempotencyKey, c.requestHash],
    );
  }

  async attachInstance(caseId: string, instanceId: string): Promise<void> {
    await this.tx.manager().query(`update case_file set instance_id = $2 where id = $1`, [caseId, instanceId]);
    this.tx.forget(caseRowKey(caseId));
  }

  /** Read once per transaction: the filing's and a completion's listeners all ask for the same case. */
  findById(id: string): Promise<CaseRow | undefined> {
    return this.tx.memo(caseRowKey(id), async () => {
      const [row] = (await this.tx.manager().query(`select * from case_file where id = $1`, [id])) as CaseRow[];
      return row;
    });
  }

  async findByIdempotencyKey(fiscalCode: string, key: string): Promise<CaseRow | undefined> {
    const [row] = (await this.tx
      .manager()
      .query(`select * from case_file where citizen_fiscal_code = $1 and idempotency_key = $2`, [fiscalCode, key])) as CaseRow[];
    return row;
  }

  async findByCode(code: string): Promise<CaseRow | undefined> {
    const [row] = (await this.tx.manager().query(`select * from case_file where code = $1`, [code])) as CaseRow[];
    return row;
  }

  async listForCitizen(fiscalCode: string, offset: number, limit: number): Promise<{ rows: CaseRow[]; total: number }> {
    const em = this.tx.manager();
    const rows = (await em.query(
      `select * from case_file where citizen_fiscal_code = $1 order by submitted_at desc, id desc limit $2 offset $3`,
      [fiscalCode, limit, offset],
    )) as CaseRow[];
    const [{ total }] = (await em.query(`select count(*)::int as total from case_file where citizen_fiscal_code = $1`, [fiscalCode])) as Array<{ total: number }>;
    return { rows, total };
  }

  /**
   * Everything a case view needs besides the case row, in one round trip: the timeline, the
   * citizen's open tasks, the clock's suspensions and the rating.
   */
  async viewParts(caseId: string): Promise<{ timeline: CaseTimelineEntry[]; openCitizenTasks: Array<Omit<CitizenTaskView, 'replyBy'>>; suspensions: SuspensionRow[]; rating: CaseRatingView | null }> {
    const [row] = (await this.tx.manager().query(
      `select
         coalesce((select json_agg(json_build_object('status', e.status, 'message', e.message, 'actorKind', e.actor_kind, 'office', e.actor_office, 'at', e.occurred_at) order by e.id)
                     from case_event e where e.case_id = $1), '[]') as timeline,
         coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name, 'formKey', t.form_key, 'createdAt', t.created_at) order by t.created_at)
                     from task t where t.case_id = $1 and t.office = 'citizen' and t.status = 'open'), '[]') as tasks,
         coalesce((select json_agg(s order by s.id) from case_clock_suspension s where s.case_id = $1), '[]') as suspensions,
         (select json_build_object('stars', r.stars, 'comment', r.comment, 'ratedAt', r.rated_at) from case_rating r where r.case_id = $1) as rating`,
      [caseId],
    )) as Array<{
      timeline: Array<Omit<CaseTimelineEntry, 'at'> & { at: string }>;
      tasks: Array<Omit<CitizenTaskView, 'createdAt' | 'replyBy'> & { createdAt: string }>;
      suspensions: SuspensionRow[];
      rating: (Omit<CaseRatingView, 'ratedAt'> & { ratedAt: string }) | null;
    }>;
    return {
      timeline: row.timeline.map((e) => ({ ...e, at: new Date(e.at) })),
      openCitizenTasks: row.tasks.map((t) => ({ ...t, createdAt: new Date(t.createdAt) })),
      suspensions: row.suspensions,
      rating: row.rating ? { ...row.rating, ratedAt: new Date(row.rating.ratedAt) } : null,
    };
  }

  /** Appends a timeline entry and moves the case to that status: the case as it is now, or undefined if this step was already recorded. */
  async appendEvent(e: {
    caseId: string;
    status: string;
    message: string;
    actorKind: CaseTimelineEntry['actorKind'];
    actorOffice?: string;
    elementId: string;
    itemId: string;
    outcome: boolean;
    closed: boolean;
  }): Promise<CaseRow | undefined> {
    const em = this.tx.manager();
    const inserted = (await em.query(
      `insert into case_event (case_id, status, message, actor_kind, element_id, item_id, actor_office) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (case_id, item_id, status) do nothing returning id`,
      [e.caseId, e.status, e.message, e.actorKind, e.elementId, e.itemId, e.actorOffice ?? null],
    )) as unknown[];
    if (!inserted.length) return undefined;
    const [row] = returnedRows<CaseRow>(
      await em.query(
        `update case_file set status = $2, version = version + 1,
           taken_in_charge_at = case when $2 = 'presa-in-carico' and taken_in_charge_at is null then now() else taken_in_charge_at end,
           outcome = case when $3 then $2 else outcome end,
           closed_at = case when $4 and closed_at is null then now() else closed_at end
         where id = $1 returning *`,
        [e.caseId, e.status, e.outcome, e.closed],
      ),
    );
    if (row) this.tx.remember(caseRowKey(e.caseId), row);
    else this.tx.forget(caseRowKey(e.caseId));
    return row;
  }

  async markTakenInCharge(caseId: string): Promise<void> {
    await this.tx.manager().query(`update case_file set taken_in_charge_at = coalesce(taken_in_charge_at, now()) where id = $1`, [caseId]);
    this.tx.forget(caseRowKey(caseId));
  }

  /** The timeline message recorded for one status of one engine item. */
  async eventMessage(caseId: string, itemId: string | null, status: string): Promise<string | undefined> {
    const [row] = (await this.tx
      .manager()
      .query(`select message from case_event where case_id = $1 and item_id is not distinct from $2 and status = $3 order by id limit 1`, [caseId, itemId, status])) as Array<{ message: string }>;
    return row?.message;
  }

  async markClosed(caseId: string): Promise<void> {
    await this.tx.manager().query(`update case_file set closed_at = coalesce(closed_at, now()) where id = $1`, [caseId]);
    this.tx.forget(caseRowKey(caseId));
  }
}
