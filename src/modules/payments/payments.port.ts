/**
 * pagoPA as the platform sees it: GPD debt positions, receipts and Checkout carts. Amounts are
 * integer euro cents. Implemented by the real HTTP adapter (GpdHttpAdapter) and by the stateful
 * development pagoPA (FakePagoPa); production refuses the fake (see src/config).
 */
export const PAYMENTS_PORT = Symbol('PAYMENTS_PORT');

export type PositionStatus = 'DRAFT' | 'PUBLISHED' | 'VALID' | 'PARTIALLY_PAID' | 'PAID' | 'EXPIRED' | 'INVALID' | 'REPORTED';
export type OptionStatus = 'PO_UNPAID' | 'PO_PAID' | 'PO_PARTIALLY_REPORTED' | 'PO_REPORTED';

export interface Stamp {
  hashDocument: string;
  stampType: string;
  provincialResidence: string;
}

export interface Transfer {
  /** "1".."5" */
  idTransfer: string;
  amount: number;
  organizationFiscalCode?: string;
  remittanceInformation: string;
  category: string;
  iban?: string;
  postalIban?: string;
  stamp?: Stamp;
}

export interface PaymentOption {
  iuv: string;
  /** Notice number (NAV) as GPD answers it; ignored on create. */
  nav?: string;
  amount: number;
  description?: string;
  /** ISO date-time. */
  dueDate: string;
  isPartialPayment: boolean;
  status?: OptionStatus;
  transfer: Transfer[];
}

export interface DebtPosition {
  iupd: string;
  type: 'F' | 'G';
  fiscalCode: string;
  fullName: string;
  email?: string;
  companyName: string;
  /** ISO date-time; absent = valid from publication. */
  validityDate?: string;
  switchToExpired: boolean;
  paymentOption: PaymentOption[];
  status?: PositionStatus;
}

export interface Receipt {
  receiptId: string;
  organizationFiscalCode: string;
  iuv: string;
  noticeNumber: string;
  amount: number;
  debtorFiscalCode: string;
  /** ISO date-time. */
  paymentDateTime: string;
}

export interface CartNotice {
  noticeNumber: string;
  fiscalCode: string;
  amount: number;
  companyName: string;
  description: string;
}

export interface CartRequest {
  paymentNotices: CartNotice[];
  returnUrls: { returnOkUrl: string; returnCancelUrl: string; returnErrorUrl: string };
  emailNotice?: string;
}

/**
 * One poll of the receipts: the window (ISO instants) the receipts service's `from`/`to` date
 * filters are set from, and the IUVs whose receipts the caller already holds (the overlap with
 * the previous poll), which an adapter need not read again.
 */
export interface ReceiptQuery {
  from: string;
  to: string;
  limit: number;
  known?: ReadonlySet<string>;
}

export interface PaymentsPort {
  createPosition(org: string, position: DebtPosition, publish: boolean): Promise<DebtPosition>;
  getPosition(org: string, iupd: string): Promise<DebtPosition>;
  publish(org: string, iupd: string): Promise<DebtPosition>;
  invalidate(org: string, iupd: string): Promise<DebtPosition>;
  /** Reports a payment made outside pagoPA (e.g. at the counter). */
  markPaid(org: string, nav: string): Promise<void>;
  getReceipt(org: string, iuv: string): Promise<Receipt>;
  /** Receipts paid at or after `from` and before `to`, oldest first, up to `limit`, none in `known`: what the reconciliation job polls. */
  listReceipts(org: string, query: ReceiptQuery): Promise<Receipt[]>;
  /** Creates a Checkout cart (1–5 notices) and answers the URL the payer is sent to. */
  createCart(cart: CartRequest): Promise<string>;
}
