import { Injectable } from '@nestjs/common';
import { ioExtrasProblems } from '../../app-io';
import { CasesService } from '../../cases';
import { NotificationsService } from '../../notifications';
import { CasePaymentRow } from '../case-payments.repository';

export const PAYMENT_NOTICE_EVENT = 'avviso-pagamento';
const EURO = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' });

/**
 * Tells the citizen that a pagoPA notice of their case is published, in the transaction that
 * records the publication: on App IO the message carries the notice (payment_data: amount in
 * cents, NAV) and its due date, so the citizen pays from the app; by e-mail it names both.
 */
@Injectable()
export class PaymentNoticeAnnouncer {
  constructor(
    private readonly cases: CasesService,
    private readonly notifications: NotificationsService,
  ) {}

  async announce(payment: CasePaymentRow): Promise<void> {
    const c = await this.cases.row(payment.case_id);
    if (!c.citizen_email && !c.citizen_fiscal_code) return;
    const amount = Number(payment.amount);
    const dueDate = new Date(payment.due_date);
    const io = { dueDate: dueDate.toISOString(), paymentData: { amount, noticeNumber: payment.nav, invalidAfterDueDate: false, payeeFiscalCode: payment.org_fiscal_code } };
    // The publication is recorded in this transaction: a notice IO would refuse goes without its payment data rather than blocking it.
    const ioProblems = ioExtrasProblems(io);
    await this.notifications.enqueueEmail({
      caseId: c.id,
      event: PAYMENT_NOTICE_EVENT,
      procedureKey: c.procedure_key,
      to: c.citizen_email,
      // The debtor is the one who pays on IO; the case's citizen otherwise has the e-mail.
      fiscalCode: payment.debtor_fiscal_code,
      item: `payment:${payment.id}`,
      dedupeKey: `${c.id}:${PAYMENT_NOTICE_EVENT}:${payment.id}`,
      variables: { procedureTitle: c.procedure_title, amount: EURO.format(amount / 100), noticeNumber: payment.nav, dueDate: dueDate.toISOString(), description: payment.description },
      ...(ioProblems.length === 0 ? { io } : {}),
    });
  }
}
