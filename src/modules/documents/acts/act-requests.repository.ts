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
  status: 'pending' | 'issued';
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

  /** Records the request once per case and step (a re-run step finds the first); answers it. */
  async insertOnce(r: { id: string; caseId: string; elementId: string; template: string; title: string; protocolEntryId: string | null; model: Record<string, unknown> }): Promise<ActRequestRow> {
    await this.em().query(
      `insert into act_request (id, case_id, element_id, template, title, protocol_entry_id, model) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (case_id, element_id) do nothing`,
      [r.id, r.caseId, r.elementId, r.template, r.title, r.protocolEntryId, JSON.stringify(r.model)],
    );
    const [row] = (await this.em().query(`select * from act_request where case_id = $1 and element_id = $2`, [r.caseId, r.elementId])) as ActRequestRow[];
    return row;
  }

  /** One pending request due now, locked for the caller's transaction (other issuers skip it). */
  async claimOne(now: Date): Promise<ActRequestRow | undefined> {
    const [row] = (await this.em().query(
      `select * from act_request where status = 'pending' and next_attempt_at <= $1 order by next_attempt_at, id limit 1 for update skip locked`,
      [now],
    )) as ActRequestRow[];
    return row;
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
