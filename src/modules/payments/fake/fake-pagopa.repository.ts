import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactions, returnedRows } from '../../../database';
import type { CartRequest, DebtPosition, OptionStatus, PositionStatus } from '../payments.port';

export interface PositionRow {
  org_fiscal_code: string;
  iupd: string;
  status: PositionStatus;
  position: DebtPosition;
}
export interface OptionRow {
  org_fiscal_code: string;
  iuv: string;
  iupd: string;
  amount: string | number;
  due_date: Date;
  status: OptionStatus;
}
export interface ReceiptRow {
  receipt_id: string;
  org_fiscal_code: string;
  iuv: string;
  amount: string | number;
  debtor_fiscal_code: string;
  paid_at: Date;
}
export interface CartRow {
  id: string;
  request: CartRequest;
  status: 'OPEN' | 'PAID' | 'CANCELLED' | 'FAILED';
}

/** SQL of the development pagoPA's state. Every method joins the caller's transaction. */
@Injectable()
export class FakePagoPaRepository {
  constructor(private readonly tx: Transactions) {}

  private em(): EntityManager {
    return this.tx.manager();
  }

  /** False when the IUPD, or one of the IUVs, is taken (nothing is written then, the caller's transaction rolls back). */
  async insertPosition(org: string, status: PositionStatus, p: DebtPosition): Promise<boolean> {
    const rows = (await this.em().query(
      `insert into dev_pagopa_position (org_fiscal_code, iupd, status, position) values ($1, $2, $3, $4) on conflict do nothing returning iupd`,
      [org, p.iupd, status, JSON.stringify(p)],
    )) as unknown[];
    if (rows.length === 0) return false;
    for (const o of p.paymentOption) {
      const inserted = (await this.em().query(
        `insert into dev_pagopa_option (org_fiscal_code, iuv, iupd, amount, due_date, status) values ($1, $2, $3, $4, $5, 'PO_UNPAID') on conflict do nothing returning iuv`,
        [org, o.iuv, p.iupd, o.amount, o.dueDate],
      )) as unknown[];
      if (inserted.length === 0) return false;
    }
    return true;
  }

  async position(org: string, iupd: string, lock = false): Promise<PositionRow | undefined> {
    const [row] = (await this.em().query(
      `select org_fiscal_code, iupd, status, position from dev_pagopa_position where org_fiscal_code = $1 and iupd = $2${lock ? ' for update' : ''}`,
      [org, iupd],
    )) as PositionRow[];
    return row;
  }

  async options(org: string, iupd: string): Promise<OptionRow[]> {
    return (await this.em().query(`select * from dev_pagopa_option where org_fiscal_code = $1 and iupd = $2 order by iuv`, [org, iupd])) as OptionRow[];
  }

  /** The option of a notice number's IUV, for any creditor (the payer's view: a NAV and, optionally, a creditor). */
  async optionsByIuv(iuv: string, org?: string): Promise<OptionRow[]> {
    return (await this.em().query(`select * from dev_pagopa_option where iuv = $1 and ($2::text is null or org_fiscal_code = $2)`, [iuv, org ?? null])) as OptionRow[];
  }

  async setPositionStatus(org: string, iupd: string, status: PositionStatus): Promise<void> {
    await this.em().query(`update dev_pagopa_position set status = $3, updated_at = now() where org_fiscal_code = $1 and iupd = $2`, [org, iupd, status]);
  }

  /** Marks the option paid unless it already is; answers whether this call did it. */
  async markOptionPaid(org: string, iuv: string, status: OptionStatus): Promise<boolean> {
    const rows = returnedRows<unknown>(
      await this.em().query(`update dev_pagopa_option set status = $3 where org_fiscal_code = $1 and iuv = $2 and status = 'PO_UNPAID' returning iuv`, [org, iuv, status]),
    );
    return rows.length === 1;
  }

  async insertReceipt(r: Omit<ReceiptRow, 'paid_at'> & { paid_at: Date }): Promise<void> {
    await this.em().query(
      `insert into dev_pagopa_receipt (receipt_id, org_fiscal_code, iuv, amount, debtor_fiscal_code, paid_at) values ($1, $2, $3, $4, $5, $6)`,
      [r.receipt_id, r.org_fiscal_code, r.iuv, r.amount, r.debtor_fiscal_code, r.paid_at],
    );
  }

  async receipt(org: string, iuv: string): Promise<ReceiptRow | undefined> {
    const [row] = (await this.em().query(`select * from dev_pagopa_receipt where org_fiscal_code = $1 and iuv = $2`, [org, iuv])) as ReceiptRow[];
    return row;
  }

  /** A page of the receipts paid in [from, to), oldest first, and how many there are in all. */
  async receiptPage(org: string, from: Date, to: Date, offset: number, limit: number): Promise<{ rows: ReceiptRow[]; total: number }> {
    const rows = (await this.em().query(
      `select * from dev_pagopa_receipt where org_fiscal_code = $1 and paid_at >= $2 and paid_at < $3 order by paid_at, seq offset $4 limit $5`,
      [org, from, to, offset, limit],
    )) as ReceiptRow[];
    const [{ n }] = (await this.em().query(`select count(*)::int as n from dev_pagopa_receipt where org_fiscal_code = $1 and paid_at >= $2 and paid_at < $3`, [org, from, to])) as Array<{ n: number }>;
    return { rows, total: n };
  }

  /** Receipts paid in [from, to), oldest first. */
  async receiptsBetween(org: string, from: Date, to: Date, limit: number): Promise<ReceiptRow[]> {
    return (await this.em().query(
      `select * from dev_pagopa_receipt where org_fiscal_code = $1 and paid_at >= $2 and paid_at < $3 order by paid_at, seq limit $4`,
      [org, from, to, limit],
    )) as ReceiptRow[];
  }

  async insertCart(id: string, request: CartRequest): Promise<void> {
    await this.em().query(`insert into dev_pagopa_cart (id, request, status) values ($1, $2, 'OPEN')`, [id, JSON.stringify(request)]);
  }

  async cart(id: string, lock = false): Promise<CartRow | undefined> {
    const [row] = (await this.em().query(`select id, request, status from dev_pagopa_cart where id = $1${lock ? ' for update' : ''}`, [id])) as CartRow[];
    return row;
  }

  async setCartStatus(id: string, status: CartRow['status']): Promise<void> {
    await this.em().query(`update dev_pagopa_cart set status = $2 where id = $1`, [id, status]);
  }
}
