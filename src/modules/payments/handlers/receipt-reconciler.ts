import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../../common/logging.module';
import { APP_CONFIG, AppConfig } from '../../../config';
import { Transactions } from '../../../database';
import { EngineService } from '../../engine';
import { CasePaymentsRepository, ReceiptOutcome } from '../case-payments.repository';
import { PAYMENTS_PORT, PaymentsPort, Receipt } from '../payments.port';

/** Receipts may be listed a little after their payment time: each poll looks back this far before the high-water mark. */
export const RECONCILE_OVERLAP_MS = 10 * 60_000;
const PAGE = 200;
export const PAYMENT_RECEIVED_MESSAGE = 'pagamento-ricevuto';

export interface ReconcileReport {
  applied: number;
  flagged: number;
  seen: number;
}

/**
 * Applies pagoPA receipts to case payments and tells the waiting procedure
 * (`pagamento-ricevuto`, correlated on the case). Receipts come from polling the port, or are
 * pushed by the development pagoPA's pay action; both go through `apply`. Each receipt is logged
 * once by its id: any number of processes may poll, a receipt is applied at most once, and one for
 * an unknown, already paid or differently priced notice is recorded and flagged, not applied.
 */
@Injectable()
export class ReceiptReconciler {
  constructor(
    private readonly repo: CasePaymentsRepository,
    private readonly tx: Transactions,
    private readonly engine: EngineService,
    @Inject(PAYMENTS_PORT) private readonly port: PaymentsPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * One poll, from the organization's high-water mark (kept in PostgreSQL) less the overlap, up to
   * now: the port asks the receipts service with its date filters, and the receipts already
   * logged since the first listed day are named as known, so only new ones are read. A full page
   * moves the mark to its last receipt and asks again; a complete poll moves it to `now`.
   */
  async reconcile(now: Date = new Date()): Promise<ReconcileReport> {
    const org = this.config.PAGOPA_EC_FISCAL_CODE;
    const report: ReconcileReport = { applied: 0, flagged: 0, seen: 0 };
    let from = new Date((await this.repo.cursor(org, new Date(now.getTime() - 86_400_000))).getTime() - RECONCILE_OVERLAP_MS);
    const firstDay = new Date(`${from.toISOString().slice(0, 10)}T00:00:00Z`);
    const known = new Set((await this.repo.loggedNavsSince(org, firstDay)).map((nav) => nav.slice(1)));
    for (;;) {
      const receipts = await this.port.listReceipts(org, { from: from.toISOString(), to: now.toISOString(), limit: PAGE, known });
      for (const r of receipts) {
        const outcome = await this.apply(r);
        known.add(r.iuv);
        if (outcome === null) report.seen++;
        else if (outcome === 'applied') report.applied++;
        else report.flagged++;
      }
      const last = receipts.at(-1);
      if (!last || receipts.length < PAGE) {
        await this.repo.moveCursor(org, now);
        return report;
      }
      // A full page: more may follow in the window; those at the same instant are known now.
      from = new Date(last.paymentDateTime);
      await this.repo.moveCursor(org, from);
    }
  }

  /** One receipt, in one transaction; null when it was seen before. */
  async apply(r: Receipt): Promise<ReceiptOutcome | null> {
    return this.tx.run(async () => {
      const paidAt = new Date(r.paymentDateTime);
      if (!(await this.repo.logReceipt({ receiptId: r.receiptId, org: r.organizationFiscalCode, nav: r.noticeNumber, amount: r.amount, paidAt }))) return null;
      const payment = await this.repo.byNavForUpdate(r.noticeNumber);
      let outcome: ReceiptOutcome;
      if (!payment || payment.org_fiscal_code !== r.organizationFiscalCode) outcome = 'unknown-notice';
      else if (payment.status === 'paid') outcome = 'already-paid';
      else if (Number(payment.amount) !== r.amount) outcome = 'amount-mismatch';
      else {
        await this.repo.markPaid(payment.id, r.receiptId, paidAt);
        const delivered = await this.engine.throwMessage(PAYMENT_RECEIVED_MESSAGE, { caseId: payment.case_id }, {
          pagamentoRicevuto: { nav: r.noticeNumber, importo: r.amount, pagatoIl: paidAt.toISOString(), ricevuta: r.receiptId },
        });
        outcome = delivered ? 'applied' : 'no-waiting-process';
      }
      await this.repo.setReceiptOutcome(r.receiptId, outcome, payment?.id ?? null);
      if (outcome !== 'applied') this.logger.warn({ receiptId: r.receiptId, nav: r.noticeNumber, outcome }, 'pagoPA receipt flagged');
      return outcome;
    });
  }
}
