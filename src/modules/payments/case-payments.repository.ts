import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactions, returnedRows } from '../../database';
import type { DebtPosition } from './payments.port';

export type CasePaymentStatus = 'pending' | 'published' | 'paid' | 'failed';
export type ReceiptOutcome = 'applied' | 'unknown-notice' | 'already-paid' | 'amount-mismatch' | 'no-waiting-process';

export interface CasePaymentRow {
  id: string;
  case_id: string;
  element_id: string;
  debtor_fiscal_code: string;
  org_fiscal_code: string;
  iupd: string;
  nav: string;
  amount: string | number;
  description: string;
  due_date: Date;
  position: DebtPosition;
  status: CasePaymentStatus;
  attempts: number;
  last_error: string | null;
  receipt_id: string | null;
  paid_at: Date | null;
  created_at: Date;
  published_at: Date | null;
}

export interface NewCasePayment {
  id: string;
  caseId: string;
  elementId: string;
  debtorFiscalCode: string;
  orgFiscalCode: string;
  position: DebtPosition;
  nav: string;
  amount: number;
  description: string;
  dueDate: Date;
}

/** SQL of case payments, the receipt log and the reconciliation cursor. Every method joins the caller's transaction. */
@Injectable()
export class CasePaymentsRepository {
  constructor(private readonly tx: Transactions) {}

  private em(): EntityManager {
    return this.tx.manager();
  }

  async insert(p: NewCasePayment): Promise<void> {
    await this.em().query(
      `insert into case_payment (id, case_id, element_id, debtor_fiscal_code, org_fiscal_code, iupd, nav, amount, description, due_date, position, status)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending')`,
      [p.id, p.caseId, p.elementId, p.debtorFiscalCode, p.orgFiscalCode, p.position.iupd, p.nav, p.amount, p.description, p.dueDate, JSON.stringify(p.position)],
    );
  }

  async forCaseElement(caseId: string, elementId: string): Promise<CasePaymentRow | undefined> {
    const [row] = (await this.em().query(`select * from case_payment where case_id = $1 and element_id = $2`, [caseId, elementId])) as CasePaymentRow[];
    return row;
  }

  async forCase(caseId: string): Promise<CasePaymentRow[]> {
    return (await this.em().query(`select * from case_payment where case_id = $1 order by created_at, nav`, [caseId])) as CasePaymentRow[];
  }

  async forDebtor(fiscalCode: string, limit: number, offset: number): Promise<{ rows: CasePaymentRow[]; total: number }> {
    const rows = (await this.em().query(
      `select *, count(*) over () as total from case_payment where debtor_fiscal_code = $1 order by created_at desc, nav limit $2 offset $3`,
      [fiscalCode, limit, offset],
    )) as Array<CasePaymentRow & { total: string }>;
    const total = rows.length ? Number(rows[0].total) : Number((await this.em().query(`select count(*) as n from case_payment where debtor_fiscal_code = $1`, [fiscalCode]))[0].n);
    return { rows, total };
  }

  async byNavs(navs: string[]): Promise<CasePaymentRow[]> {
    return (await this.em().query(`select * from case_payment where nav = any($1::text[])`, [navs])) as CasePaymentRow[];
  }

  async byNavForUpdate(nav: string): Promise<CasePaymentRow | undefined> {
    const [row] = (await this.em().query(`select * from case_payment where nav = $1 for update`, [nav])) as CasePaymentRow[];
    return row;
  }

  /** Reserves due pending rows to one dispatcher until `leaseUntil`; others skip them. */
  async claimPending(now: Date, leaseUntil: Date, limit: number): Promise<Array<CasePaymentRow & { attempts: number }>> {
    return returnedRows<CasePaymentRow>(
      await this.em().query(
        `update case_payment set lease_until = $2, attempts = attempts + 1
          where id in (select id from case_payment where status = 'pending' and next_attempt_at <= $1 and (lease_until is null or lease_until < $1)
                        order by next_attempt_at limit $3 for update skip locked)
          returning *`,
        [now, leaseUntil, limit],
      ),
    );
  }

  /** Fenced by the attempt the dispatcher claimed: false when another dispatcher took the row over. */
  async markPublished(id: string, attempt: number, at: Date): Promise<boolean> {
    return this.fenced(`update case_payment set status = 'published', published_at = $3, lease_until = null, last_error = null where id = $1 and attempts = $2 and status = 'pending' returning id`, [id, attempt, at]);
  }

  async markRetry(id: string, attempt: number, next: Date, error: string): Promise<boolean> {
    return this.fenced(`update case_payment set next_attempt_at = $3, lease_until = null, last_error = $4 where id = $1 and attempts = $2 and status = 'pending' returning id`, [id, attempt, next, error]);
  }

  async markFailed(id: string, attempt: number, error: string): Promise<boolean> {
    return this.fenced(`update case_payment set status = 'failed', lease_until = null, last_error = $3 where id = $1 and attempts = $2 and status = 'pending' returning id`, [id, attempt, error]);
  }

  async markPaid(id: string, receiptId: string, paidAt: Date): Promise<void> {
    await this.em().query(`update case_payment set status = 'paid', receipt_id = $2, paid_at = $3, lease_until = null where id = $1`, [id, receiptId, paidAt]);
  }

  /** False when the receipt was logged before (by this or another process). */
  async logReceipt(r: { receiptId: string; org: string; nav: string; amount: number; paidAt: Date }): Promise<boolean> {
    const rows = (await this.em().query(
      `insert into payment_receipt_log (receipt_id, org_fiscal_code, nav, amount, paid_at, outcome) values ($1, $2, $3, $4, $5, 'applied') on conflict do nothing returning receipt_id`,
      [r.receiptId, r.org, r.nav, r.amount, r.paidAt],
    )) as unknown[];
    return rows.length === 1;
  }

  async setReceiptOutcome(receiptId: string, outcome: ReceiptOutcome, paymentId: string | null): Promise<void> {
    await this.em().query(`update payment_receipt_log set outcome = $2, payment_id = $3 where receipt_id = $1`, [receiptId, outcome, paymentId]);
  }

  /** Where the last poll of a creditor's receipts got to (created at `initial` the first time). */
  /** NAVs of the receipts logged for the organization with a payment time at or after `since`. */
  async loggedNavsSince(org: string, since: Date): Promise<string[]> {
    const rows = (await this.em().query(`select nav from payment_receipt_log where org_fiscal_code = $1 and paid_at >= $2`, [org, since])) as Array<{ nav: string }>;
    return rows.map((r) => r.nav.trim());
  }

  async cursor(org: string, initial: Date): Promise<Date> {
    await this.em().query(`insert into payment_reconciliation_cursor (org_fiscal_code, polled_until) values ($1, $2) on conflict do nothing`, [org, initial]);
    const [row] = (await this.em().query(`select polled_until from payment_reconciliation_cursor where org_fiscal_code = $1`, [org])) as Array<{ polled_until: Date }>;
    return new Date(row.polled_until);
  }

  async moveCursor(org: string, until: Date): Promise<void> {
    await this.em().query(`update payment_reconciliation_cursor set polled_until = greatest(polled_until, $2) where org_fiscal_code = $1`, [org, until]);
  }

  private async fenced(sql: string, params: unknown[]): Promise<boolean> {
    return returnedRows<unknown>(await this.em().query(sql, params)).length === 1;
  }
}
