import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../config';
import { Transactions } from '../../../database';
import { iuvOf, isValidNav, navOf } from '../nav';
import {
  PaymentInvalidException,
  PaymentNoticeNotFoundException,
  PaymentNoticeNotPayableException,
  PaymentPositionConflictException,
  PaymentPositionNotFoundException,
} from '../payments.exceptions';
import { PAYMENTS_MESSAGES as M } from '../payments.messages';
import type { CartRequest, DebtPosition, PaymentsPort, PositionStatus, Receipt, ReceiptQuery } from '../payments.port';
import { FakePagoPaRepository, OptionRow, PositionRow, ReceiptRow } from './fake-pagopa.repository';
import { cartErrors, effectiveStatus, positionErrors } from './position-rules';

export type ReceiptListener = (receipt: Receipt) => Promise<void>;
export type CheckoutOutcome = 'paga' | 'annulla' | 'errore';

/**
 * The development pagoPA: GPD's debt positions with its checks and states, receipts, and a
 * Checkout whose pay action marks the option PAID and issues a receipt. State lives in the
 * dev_pagopa_* tables. Implements PaymentsPort in-process; DevPagoPaController serves the same
 * operations over GPD's HTTP paths so the real adapter can be tested against it.
 */
@Injectable()
export class FakePagoPa implements PaymentsPort {
  private readonly receiptListeners: ReceiptListener[] = [];

  constructor(
    private readonly repo: FakePagoPaRepository,
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  now(): Date {
    return new Date();
  }

  /** Called after a payment's transaction commits: the push half of reconciliation. */
  onReceipt(listener: ReceiptListener): void {
    this.receiptListeners.push(listener);
  }

  async createPosition(org: string, position: DebtPosition, publish: boolean): Promise<DebtPosition> {
    const errors = positionErrors(position);
    if (errors.length) throw new PaymentInvalidException(errors);
    const stored: DebtPosition = { ...position, paymentOption: position.paymentOption.map(({ nav: _nav, status: _s, ...o }) => o) };
    delete stored.status;
    const status: PositionStatus = publish ? effectiveStatus('PUBLISHED', stored, [], this.now()) : 'DRAFT';
    await this.tx.run(async () => {
      if (!(await this.repo.insertPosition(org, status, stored))) {
        throw new PaymentPositionConflictException(M.positionExists, { iupd: position.iupd, field: 'iupd' });
      }
    });
    return this.getPosition(org, position.iupd);
  }

  async getPosition(org: string, iupd: string): Promise<DebtPosition> {
    return this.tx.run(async () => {
      const row = await this.load(org, iupd, true);
      return this.view(row, await this.repo.options(org, iupd));
    });
  }

  async publish(org: string, iupd: string): Promise<DebtPosition> {
    return this.transition(org, iupd, ['DRAFT'], (row) => effectiveStatus('PUBLISHED', row.position, [], this.now()));
  }

  async invalidate(org: string, iupd: string): Promise<DebtPosition> {
    return this.transition(org, iupd, ['PUBLISHED', 'VALID'], () => 'INVALID');
  }

  async markPaid(org: string, nav: string): Promise<void> {
    await this.settle(nav, org, null);
  }

  async getReceipt(org: string, iuv: string): Promise<Receipt> {
    const row = await this.repo.receipt(org, iuv);
    if (!row) throw new PaymentNoticeNotFoundException(navOf(iuv), 'PAYMENT_RECEIPT_NOT_FOUND', M.receiptNotFound);
    return receiptOf(row);
  }

  /** The receipts service's list for days [from, to): IUVs, a page at a time, with the total. */
  async receiptList(org: string, from: Date, to: Date, offset: number, limit: number): Promise<{ items: Array<{ organizationFiscalCode: string; iuv: string; debtorFiscalCode: string }>; total: number }> {
    return this.tx.run(async () => {
      const { rows, total } = await this.repo.receiptPage(org, from, to, offset, limit);
      return { items: rows.map((r) => ({ organizationFiscalCode: r.org_fiscal_code, iuv: r.iuv, debtorFiscalCode: r.debtor_fiscal_code })), total };
    });
  }

  async listReceipts(org: string, query: ReceiptQuery): Promise<Receipt[]> {
    const rows = await this.repo.receiptsBetween(org, new Date(query.from), new Date(query.to), query.limit + (query.known?.size ?? 0));
    return rows.map(receiptOf).filter((r) => !query.known?.has(r.iuv)).slice(0, query.limit);
  }

  async createCart(cart: CartRequest): Promise<string> {
    const errors = cartErrors(cart);
    if (errors.length) throw new PaymentInvalidException(errors);
    const id = randomUUID();
    await this.repo.insertCart(id, cart);
    return `${this.config.PUBLIC_BASE_URL}/dev-pagopa/checkout/${id}`;
  }

  async cart(id: string): Promise<{ id: string; request: CartRequest; status: string }> {
    const row = await this.repo.cart(id);
    if (!row) throw new PaymentNoticeNotFoundException(id, 'PAYMENT_CART_NOT_FOUND', M.cartNotFound);
    return row;
  }

  /** The Checkout page's buttons: pays every notice of the cart (or none), answers where the payer returns. */
  async completeCart(id: string, outcome: CheckoutOutcome, payer: string | null): Promise<string> {
    const paid: Receipt[] = [];
    const target = await this.tx.run(async () => {
      const row = await this.repo.cart(id, true);
      if (!row) throw new PaymentNoticeNotFoundException(id, 'PAYMENT_CART_NOT_FOUND', M.cartNotFound);
      if (row.status !== 'OPEN') throw new PaymentPositionConflictException(M.positionStateConflict, { cart: id, status: row.status });
      const urls = row.request.returnUrls;
      if (outcome === 'annulla') {
        await this.repo.setCartStatus(id, 'CANCELLED');
        return urls.returnCancelUrl;
      }
      if (outcome === 'errore') {
        await this.repo.setCartStatus(id, 'FAILED');
        return urls.returnErrorUrl;
      }
      for (const n of row.request.paymentNotices) {
        paid.push(await this.settleIn(n.noticeNumber, n.fiscalCode, payer ?? row.request.emailNotice ?? 'ANONIMO'));
      }
      await this.repo.setCartStatus(id, 'PAID');
      return urls.returnOkUrl;
    });
    await this.announce(paid);
    return target;
  }

  /** `POST /dev-pagopa/avvisi/{nav}/paga`: pays one notice as a payer at any PSP would. */
  async pay(nav: string, org: string | null, payer: string | null): Promise<Receipt> {
    const receipt = await this.settle(nav, org, payer ?? 'ANONIMO');
    return receipt!;
  }

  private async settle(nav: string, org: string | null, payer: string | null): Promise<Receipt | null> {
    const receipt = await this.tx.run(() => this.settleIn(nav, org, payer));
    if (receipt) await this.announce([receipt]);
    return receipt;
  }

  /** Pays (payer set: a receipt is issued) or reports (payer null) one notice, inside the open transaction. */
  private async settleIn(nav: string, org: string | null, payer: string): Promise<Receipt>;
  private async settleIn(nav: string, org: string | null, payer: string | null): Promise<Receipt | null>;
  private async settleIn(nav: string, org: string | null, payer: string | null): Promise<Receipt | null> {
    if (!isValidNav(nav)) throw new PaymentInvalidException([{ field: 'nav', message: M.invalidNav }]);
    const options = await this.repo.optionsByIuv(iuvOf(nav), org ?? undefined);
    if (options.length !== 1) throw new PaymentNoticeNotFoundException(nav);
    const option = options[0];
    const row = await this.load(option.org_fiscal_code, option.iupd, true);
    const all = await this.repo.options(option.org_fiscal_code, option.iupd);
    const status = await this.refresh(row, all);
    if (status !== 'VALID' && status !== 'PARTIALLY_PAID') throw new PaymentNoticeNotPayableException(nav, status);
    if (!(await this.repo.markOptionPaid(option.org_fiscal_code, option.iuv, payer === null ? 'PO_REPORTED' : 'PO_PAID'))) {
      throw new PaymentNoticeNotPayableException(nav, 'PO_PAID');
    }
    const unpaidLeft = all.filter((o) => o.iuv !== option.iuv && o.status === 'PO_UNPAID').length;
    await this.repo.setPositionStatus(option.org_fiscal_code, option.iupd, unpaidLeft > 0 ? 'PARTIALLY_PAID' : payer === null ? 'REPORTED' : 'PAID');
    if (payer === null) return null;
    const receipt: ReceiptRow = {
      receipt_id: randomUUID().replace(/-/g, ''),
      org_fiscal_code: option.org_fiscal_code,
      iuv: option.iuv,
      amount: option.amount,
      debtor_fiscal_code: row.position.fiscalCode,
      paid_at: this.now(),
    };
    await this.repo.insertReceipt(receipt);
    return receiptOf(receipt);
  }

  private async announce(receipts: Receipt[]): Promise<void> {
    for (const r of receipts) for (const l of this.receiptListeners) await l(r);
  }

  private async transition(org: string, iupd: string, from: PositionStatus[], to: (row: PositionRow) => PositionStatus): Promise<DebtPosition> {
    return this.tx.run(async () => {
      const row = await this.load(org, iupd, true);
      const options = await this.repo.options(org, iupd);
      const status = await this.refresh(row, options);
      if (!from.includes(status)) throw new PaymentPositionConflictException(M.positionStateConflict, { iupd, status, field: 'iupd' });
      await this.repo.setPositionStatus(org, iupd, to(row));
      return this.view({ ...row, status: to(row) }, options);
    });
  }

  private async load(org: string, iupd: string, lock: boolean): Promise<PositionRow> {
    const row = await this.repo.position(org, iupd, lock);
    if (!row) throw new PaymentPositionNotFoundException(iupd);
    return row;
  }

  /** Applies the passing of time (VALID, EXPIRED) to a stored status and persists it. */
  private async refresh(row: PositionRow, options: OptionRow[]): Promise<PositionStatus> {
    const unpaid = options.filter((o) => o.status === 'PO_UNPAID').map((o) => new Date(o.due_date));
    const status = effectiveStatus(row.status, row.position, unpaid, this.now());
    if (status !== row.status) {
      await this.repo.setPositionStatus(row.org_fiscal_code, row.iupd, status);
      row.status = status;
    }
    return status;
  }

  private async view(row: PositionRow, options: OptionRow[]): Promise<DebtPosition> {
    const status = await this.refresh(row, options);
    const byIuv = new Map(options.map((o) => [o.iuv, o]));
    return {
      ...row.position,
      status,
      paymentOption: row.position.paymentOption.map((o) => ({ ...o, nav: navOf(o.iuv), status: byIuv.get(o.iuv)?.status ?? 'PO_UNPAID' })),
    };
  }
}

function receiptOf(r: ReceiptRow): Receipt {
  return {
    receiptId: r.receipt_id,
    organizationFiscalCode: r.org_fiscal_code,
    iuv: r.iuv,
    noticeNumber: navOf(r.iuv),
    amount: Number(r.amount),
    debtorFiscalCode: r.debtor_fiscal_code,
    paymentDateTime: new Date(r.paid_at).toISOString(),
  };
}
