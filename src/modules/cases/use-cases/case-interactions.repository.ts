import { returnedRows, Transactions } from '../../../database';
import { caseRowKey } from '../case-row-key';
import { CaseRatingView, CaseRow } from '../cases.types';

export interface CaseMessageView {
  id: string;
  caseId: string;
  /** citizen: the applicant wrote it; operator: the office answered. */
  authorKind: 'citizen' | 'operator';
  /** The citizen's name, or the office's name for an answer (operators' ids stay internal). */
  authorName: string;
  office: string;
  body: string;
  createdAt: Date;
}

export interface CitizenCaseMessageView extends CaseMessageView {
  caseCode: string;
  procedureTitle: string;
}

export interface CaseNoteView {
  id: string;
  caseId: string;
  author: string;
  office: string;
  body: string;
  createdAt: Date;
}

interface MessageRow {
  id: string;
  case_id: string;
  author_kind: 'citizen' | 'operator';
  author_id: string;
  author_name: string;
  office: string;
  body: string;
  created_at: Date;
}

/** case_message, case_note, case_rating and the withdrawal of a case; every query joins the caller's transaction. */
export class CaseInteractionsRepository {
  constructor(private readonly tx: Transactions) {}

  async findCase(id: string): Promise<CaseRow | undefined> {
    const [row] = (await this.tx.manager().query(`select * from case_file where id = $1`, [id])) as CaseRow[];
    return row;
  }

  async lockCase(id: string): Promise<CaseRow | undefined> {
    const [row] = (await this.tx.manager().query(`select * from case_file where id = $1 for update`, [id])) as CaseRow[];
    if (row) this.tx.remember(caseRowKey(id), row);
    return row;
  }

  async insertMessage(m: { id: string; caseId: string; authorKind: 'citizen' | 'operator'; authorId: string; authorName: string; office: string; body: string }): Promise<CaseMessageView> {
    const [row] = (await this.tx.manager().query(
      `insert into case_message (id, case_id, author_kind, author_id, author_name, office, body) values ($1, $2, $3, $4, $5, $6, $7) returning *`,
      [m.id, m.caseId, m.authorKind, m.authorId, m.authorName, m.office, m.body],
    )) as MessageRow[];
    return toMessage(row);
  }

  async messages(caseId: string, offset: number, limit: number): Promise<{ rows: CaseMessageView[]; total: number }> {
    const em = this.tx.manager();
    const rows = (await em.query(`select * from case_message where case_id = $1 order by created_at desc, id desc limit $2 offset $3`, [caseId, limit, offset])) as MessageRow[];
    const [{ total }] = (await em.query(`select count(*)::int as total from case_message where case_id = $1`, [caseId])) as Array<{ total: number }>;
    return { rows: rows.map(toMessage), total };
  }

  /**
   * Keyset page of a case's messages, newest first: those older than the message `before` (its
   * id is the cursor; the comparison uses the stored timestamp, not a rounded copy of it). An
   * unknown cursor, or one of another case, yields no rows.
   */
  async messagesBefore(caseId: string, before: string | null, limit: number): Promise<CaseMessageView[]> {
    const rows = (await this.tx.manager().query(
      before
        ? `select m.* from case_message m, (select created_at, id from case_message where id = $2 and case_id = $1) k
            where m.case_id = $1 and (m.created_at, m.id) < (k.created_at, k.id)
            order by m.created_at desc, m.id desc limit $3`
        : `select * from case_message where case_id = $1 order by created_at desc, id desc limit $2`,
      before ? [caseId, before, limit] : [caseId, limit],
    )) as MessageRow[];
    return rows.map(toMessage);
  }

  /** The newest messages on any of the citizen's cases (older than the message `before` if given), with the case they belong to. */
  async messagesForCitizen(fiscalCode: string, limit: number, before: string | null = null): Promise<CitizenCaseMessageView[]> {
    const rows = (await this.tx.manager().query(
      before
        ? `select m.*, c.code as case_code, c.procedure_title
             from case_message m join case_file c on c.id = m.case_id,
                  (select x.created_at, x.id from case_message x join case_file xc on xc.id = x.case_id where x.id = $3 and xc.citizen_fiscal_code = $1) k
            where c.citizen_fiscal_code = $1 and (m.created_at, m.id) < (k.created_at, k.id)
            order by m.created_at desc, m.id desc limit $2`
        : `select m.*, c.code as case_code, c.procedure_title
             from case_message m join case_file c on c.id = m.case_id
            where c.citizen_fiscal_code = $1
            order by m.created_at desc, m.id desc limit $2`,
      before ? [fiscalCode, limit, before] : [fiscalCode, limit],
    )) as Array<MessageRow & { case_code: string; procedure_title: string }>;
    return rows.map((r) => ({ ...toMessage(r), caseCode: r.case_code, procedureTitle: r.procedure_title }));
  }

  async insertNote(n: { id: string; caseId: string; author: string; office: string; body: string }): Promise<CaseNoteView> {
    const [row] = (await this.tx.manager().query(`insert into case_note (id, case_id, author_id, office, body) values ($1, $2, $3, $4, $5) returning *`, [
      n.id,
      n.caseId,
      n.author,
      n.office,
      n.body,
    ])) as Array<{ id: string; case_id: string; author_id: string; office: string; body: string; created_at: Date }>;
    return { id: row.id, caseId: row.case_id, author: row.author_id, office: row.office, body: row.body, createdAt: row.created_at };
  }

  async notes(caseId: string, offset: number, limit: number): Promise<{ rows: CaseNoteView[]; total: number }> {
    const em = this.tx.manager();
    const rows = (await em.query(`select * from case_note where case_id = $1 order by created_at desc, id desc limit $2 offset $3`, [caseId, limit, offset])) as Array<{
      id: string;
      case_id: string;
      author_id: string;
      office: string;
      body: string;
      created_at: Date;
    }>;
    const [{ total }] = (await em.query(`select count(*)::int as total from case_note where case_id = $1`, [caseId])) as Array<{ total: number }>;
    return { rows: rows.map((r) => ({ id: r.id, caseId: r.case_id, author: r.author_id, office: r.office, body: r.body, createdAt: r.created_at })), total };
  }

  /** False when the case was already rated. */
  async insertRating(caseId: string, stars: number, comment: string | null): Promise<boolean> {
    const inserted = (await this.tx
      .manager()
      .query(`insert into case_rating (case_id, stars, comment) values ($1, $2, $3) on conflict (case_id) do nothing returning case_id`, [caseId, stars, comment])) as unknown[];
    return inserted.length > 0;
  }

  async rating(caseId: string): Promise<CaseRatingView | null> {
    const [row] = (await this.tx.manager().query(`select stars, comment, rated_at from case_rating where case_id = $1`, [caseId])) as Array<{
      stars: number;
      comment: string | null;
      rated_at: Date;
    }>;
    return row ? { stars: row.stars, comment: row.comment, ratedAt: row.rated_at } : null;
  }

  /** The withdrawal's protocol number and year are copied from its entry when the register numbers it at commit. */
  async markWithdrawn(caseId: string, protocolEntryId: string, at: Date): Promise<void> {
    await this.tx.manager().query(
      `update case_file set status = 'ritirata', withdrawn_at = $3, withdrawal_protocol_entry_id = $2,
         closed_at = coalesce(closed_at, $3), version = version + 1 where id = $1`,
      [caseId, protocolEntryId, at],
    );
    this.tx.forget(caseRowKey(caseId));
  }

  /** The open tasks of a withdrawn case leave every queue. */
  async cancelOpenTasks(caseId: string, by: string): Promise<number> {
    const rows = returnedRows<{ id: string }>(await this.tx.manager().query(
      `update task set status = 'cancelled', completed_at = now(), completed_by = $2, version = version + 1 where case_id = $1 and status = 'open' returning id`,
      [caseId, by],
    ));
    return rows.length;
  }

  async appendTimeline(e: { caseId: string; status: string; message: string; actorKind: 'citizen' | 'operator' | 'system'; itemId: string }): Promise<void> {
    await this.tx.manager().query(
      `insert into case_event (case_id, status, message, actor_kind, item_id) values ($1, $2, $3, $4, $5) on conflict (case_id, item_id, status) do nothing`,
      [e.caseId, e.status, e.message, e.actorKind, e.itemId],
    );
  }
}

const toMessage = (r: MessageRow): CaseMessageView => ({
  id: r.id,
  caseId: r.case_id,
  authorKind: r.author_kind,
  authorName: r.author_name,
  office: r.office,
  body: r.body,
  createdAt: r.created_at,
});
