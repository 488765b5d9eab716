import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactions, returnedRows } from '../../../database';

export interface ActRequestRow {
  id: string;
  case_id: string;
  element_id: string;
  template: string;
  title: string;
  protocol_entry_id: string | null;
  model: Record<string, unknown>;
  /** A residence check the act needs from ANPR before it is rendered (task acts). */
  anpr_check: 'residenza' | null;
  status: 'pending' | 'issued' | 'refused';
  attempts: number;
  document_id: string | null;
}

/** `act_request`: the acts procedures asked for, issued after their step's commit. */
@Injectable()
export class ActRequestsRepository {
  constructor(private readonly tx: Transactions) {}

  private em(): EntityManager {
    return this.tx.manager();
  }

  /**
   * Records the request once per case, step and outbound protocol entry (a retried step finds the
   * first; a step run again in a loop, after a new protocol entry, is a new act); answers it.
   */
  async insertOnce(r: { id: string; caseId: string; elementId: string; template: string; title: string; protocolEntryId: string | null; model: Record<string, unknown>; anprCheck: 'residenza' | null }): Promise<ActRequestRow> {
    const params = [r.id, r.caseId, r.elementId, r.template, r.title, r.protocolEntryId, JSON.stringify(r.model), r.anprCheck];
    // One round trip: the new row, or the one a retried step recorded before.
    const [row] = (await this.em().query(
      `with ins as (
         insert into act_request (id, case_id, element_id, template, title, protocol_entry_id, model, anpr_check) values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict do nothing
         returning *
       )
       select * from ins
       union all
       select * from act_request where case_id = $2 and element_id = $3 and protocol_entry_id is not distinct from $6 and not exists (select 1 from ins)`,
      params,
    )) as ActRequestRow[];
    if (row) return row;
    // A conflicting row committed while the insert waited is not in the statement's snapshot: read it now.
    const [committed] = (await this.em().query(`select * from act_request where case_id = $1 and element_id = $2 and protocol_entry_id is not distinct from $3`, [
      r.caseId,
      r.elementId,
      r.protocolEntryId,
    ])) as ActRequestRow[];
    return committed;
  }

  /** The next pending request due now, not locked, other than those this pass has already tried. */
  async nextDue(now: Date, tried: string[]): Promise<ActRequestRow | undefined> {
    const [row] = (await this.em().query(
      `select * from act_request where status = 'pending' and next_attempt_at <= $1 and not (id = any($2::uuid[])) order by next_attempt_at, id limit 1`,
      [now, tried],
    )) as ActRequestRow[];
    return row;
  }

  /** That request, locked for the caller's transaction, if it is still pending and due (another issuer may hold or have issued it). */
  async claim(id: string, now: Date): Promise<ActRequestRow | undefined> {
    const [row] = (await this.em().query(
      `select * from act_request where id = $1 and status = 'pending' and next_attempt_at <= $2 for update skip locked`,
      [id, now],
    )) as ActRequestRow[];
    return row;
  }

  /** ANPR says the subject does not reside: no act, the reason kept for the office. */
  async markRefused(id: string, reason: string): Promise<void> {
    await this.em().query(`update act_request set status = 'refused', last_error = $2 where id = $1 and status = 'pending'`, [id, reason.slice(0, 1000)]);
  }

  async markIssued(id: string, documentId: string): Promise<void> {
    await this.em().query(`update act_request set status = 'issued', document_id = $2, last_error = null where id = $1`, [id, documentId]);
  }

  async markRetry(id: string, next: Date, error: string): Promise<boolean> {
    const result = await this.em().query(
      `update act_request set attempts = attempts + 1, next_attempt_at = $2, last_error = $3 where id = $1 and status = 'pending' returning id`,
      [id, next, error.slice(0, 1000)],
    );
    return returnedRows(result).length > 0;
  }
}
