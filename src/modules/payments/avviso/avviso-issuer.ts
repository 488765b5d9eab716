import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config';
import { CasesService } from '../../cases';
import { DocumentView, StoreIssuedUseCase } from '../../documents';
import type { CasePaymentRow } from '../case-payments.repository';
import { renderAvvisoPdf } from './avviso-pdf';

/** The avviso's identity among the case's issued documents. */
export const avvisoTemplate = (nav: string): string => `avviso-pagamento:${nav}`;

/**
 * The avviso di pagamento of a case payment: rendered from the payment as it is now (the
 * download shows "pagato" once paid), and stored once as an issued document of the case when the
 * notice is published at pagoPA (the copy the Comune sent: Documenti, verification by hash).
 */
@Injectable()
export class AvvisoIssuer {
  constructor(
    private readonly cases: CasesService,
    private readonly store: StoreIssuedUseCase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async render(row: CasePaymentRow): Promise<{ name: string; bytes: Buffer }> {
    const caseRow = await this.cases.row(row.case_id);
    const bytes = await renderAvvisoPdf({
      creditor: { name: this.config.PAGOPA_EC_NAME, fiscalCode: row.org_fiscal_code },
      debtor: { name: caseRow.citizen_name, fiscalCode: row.debtor_fiscal_code },
      description: row.description,
      amount: Number(row.amount),
      dueDate: new Date(row.due_date),
      noticeNumber: row.nav,
      paid: row.status === 'paid',
      createdAt: new Date(row.created_at),
    });
    return { name: `avviso-${row.nav}.pdf`, bytes };
  }

  /** Stores the avviso as issued (once per notice); joins the caller's transaction. */
  async issue(row: CasePaymentRow): Promise<DocumentView> {
    const { name, bytes } = await this.render({ ...row, status: 'published' });
    return this.store.execute({ caseId: row.case_id, kind: 'payment-notice', template: avvisoTemplate(row.nav), name, bytes });
  }
}
