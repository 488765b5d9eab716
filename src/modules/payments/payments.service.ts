import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config';
import { CasesService, CaseViewer } from '../cases';
import { Page, PageRequest } from '../../common';
import { CasePaymentRow, CasePaymentsRepository } from './case-payments.repository';
import { PaymentInvalidException } from './payments.exceptions';
import { PAYMENT_STATUS_LABELS, PAYMENT_TASK_MESSAGES as M } from './payments.messages';
import { PAYMENTS_PORT, PaymentsPort } from './payments.port';
import type { PaymentView } from './payments.types';
import { AvvisoIssuer } from './avviso/avviso-issuer';
import { PaymentNoticeNotFoundException } from './payments.exceptions';

export interface CheckoutReturn {
  okUrl: string;
  cancelUrl: string;
  errorUrl: string;
}

/** What the portal's Pagamenti tab, the case page and the console read about fees. */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly repo: CasePaymentsRepository,
    private readonly cases: CasesService,
    @Inject(PAYMENTS_PORT) private readonly port: PaymentsPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly avvisi: AvvisoIssuer,
  ) {}

  async listForCase(caseId: string): Promise<PaymentView[]> {
    if (!/^[0-9a-f-]{36}$/i.test(caseId)) return [];
    return (await this.repo.forCase(caseId)).map((r) => this.view(r));
  }

  /** The case's fees for someone the case's access rules let see it (else CASE_NOT_FOUND). */
  async listForCaseAs(caseId: string, viewer: CaseViewer): Promise<PaymentView[]> {
    await this.cases.get(caseId, viewer);
    return this.listForCase(caseId);
  }

  /** The avviso di pagamento PDF of one of the case's notices, rendered from the payment as it is now. */
  async avvisoAs(caseId: string, noticeNumber: string, viewer: CaseViewer): Promise<{ name: string; bytes: Buffer }> {
    await this.cases.get(caseId, viewer);
    const row = (await this.repo.forCase(caseId)).find((r) => r.nav === noticeNumber);
    if (!row) throw new PaymentNoticeNotFoundException(noticeNumber);
    return this.avvisi.render(row);
  }

  async listForCitizen(fiscalCode: string, page: PageRequest): Promise<Page<PaymentView>> {
    const { rows, total } = await this.repo.forDebtor(fiscalCode, page.pageSize, page.offset);
    return { items: rows.map((r) => this.view(r)), total, page: page.page, pageSize: page.pageSize };
  }

  /** A Checkout cart for 1–5 of the citizen's payable notices; answers the URL to send the payer to. */
  async checkoutUrl(fiscalCode: string, noticeNumbers: string[], back?: Partial<CheckoutReturn>): Promise<string> {
    const unique = [...new Set(noticeNumbers)];
    if (unique.length < 1 || unique.length > 5) throw new PaymentInvalidException([{ field: 'noticeNumbers', message: M.tooManyNotices }]);
    const rows = await this.repo.byNavs(unique);
    const errors = unique
      .map((nav, i) => ({ nav, i, row: rows.find((r) => r.nav === nav) }))
      .filter(({ row }) => !row || row.debtor_fiscal_code !== fiscalCode || !this.view(row).payable)
      .map(({ i }) => ({ field: `noticeNumbers[${i}]`, message: M.notYours }));
    if (errors.length) throw new PaymentInvalidException(errors);
    const base = `${this.config.PUBLIC_BASE_URL}/area-personale/pagamenti`;
    return this.port.createCart({
      paymentNotices: unique.map((nav) => {
        const r = rows.find((x) => x.nav === nav)!;
        return { noticeNumber: nav, fiscalCode: r.org_fiscal_code, amount: Number(r.amount), companyName: this.config.PAGOPA_EC_NAME, description: r.description };
      }),
      returnUrls: {
        returnOkUrl: back?.okUrl ?? `${base}?esito=ok`,
        returnCancelUrl: back?.cancelUrl ?? `${base}?esito=annullato`,
        returnErrorUrl: back?.errorUrl ?? `${base}?esito=errore`,
      },
    });
  }

  private view(r: CasePaymentRow): PaymentView {
    const amount = Number(r.amount);
    const dueDate = new Date(r.due_date);
    return {
      id: r.id,
      caseId: r.case_id,
      noticeNumber: r.nav,
      iuv: r.nav.slice(1),
      creditorFiscalCode: r.org_fiscal_code,
      amount,
      description: r.description,
      dueDate,
      status: r.status,
      statusLabel: PAYMENT_STATUS_LABELS[r.status],
      payable: r.status === 'published' && dueDate.getTime() > Date.now(),
      paidAt: r.paid_at ? new Date(r.paid_at) : null,
      receiptId: r.receipt_id,
      createdAt: new Date(r.created_at),
      qrCode: `PAGOPA|002|${r.nav}|${r.org_fiscal_code}|${amount}`,
    };
  }
}
