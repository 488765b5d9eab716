import type { CasePaymentStatus } from './case-payments.repository';

/** A fee of a case as the portal, the console and the API show it. Amounts in euro cents. */
export interface PaymentView {
  id: string;
  caseId: string;
  noticeNumber: string;
  iuv: string;
  creditorFiscalCode: string;
  amount: number;
  description: string;
  dueDate: Date;
  status: CasePaymentStatus;
  /** Italian label of the status. */
  statusLabel: string;
  /** Payable now through Checkout (published, unpaid, not past due). */
  payable: boolean;
  paidAt: Date | null;
  receiptId: string | null;
  createdAt: Date;
  /** The avviso's QR content: PAGOPA|002|<NAV>|<EC CF>|<amount cents>. */
  qrCode: string;
}
