import { randomUUID } from 'node:crypto';
import type { DebtPosition, Stamp, Transfer } from './payments.port';
import { iuvOf } from './nav';

export interface Creditor {
  fiscalCode: string;
  name: string;
  iban: string;
  category: string;
}

export interface FeeRequest {
  debtor: { fiscalCode: string; fullName: string; email?: string; type?: 'F' | 'G' };
  /** The fee, euro cents, credited to the Comune's IBAN. */
  amount: number;
  /** Causale (≤ 140). */
  description: string;
  nav: string;
  dueDate: Date;
  validityDate?: Date;
  /** Marca da bollo digitale, where due: its own transfer. */
  stamp?: Stamp & { amount: number };
  /** Retry key; a new one when absent. */
  iupd?: string;
}

export const newIupd = (creditorFiscalCode: string): string => `${creditorFiscalCode}-${randomUUID()}`;

/** A GPD debt position for one fee: one payment option, the fee's transfer and, where due, the stamp's. */
export function buildDebtPosition(creditor: Creditor, fee: FeeRequest): DebtPosition {
  const transfer: Transfer[] = [
    { idTransfer: '1', amount: fee.amount, organizationFiscalCode: creditor.fiscalCode, remittanceInformation: fee.description.slice(0, 140), category: creditor.category, iban: creditor.iban },
  ];
  if (fee.stamp) {
    const { amount, ...stamp } = fee.stamp;
    transfer.push({ idTransfer: '2', amount, organizationFiscalCode: creditor.fiscalCode, remittanceInformation: 'Imposta di bollo', category: creditor.category, stamp });
  }
  return {
    iupd: fee.iupd ?? newIupd(creditor.fiscalCode),
    type: fee.debtor.type ?? 'F',
    fiscalCode: fee.debtor.fiscalCode,
    fullName: fee.debtor.fullName,
    ...(fee.debtor.email ? { email: fee.debtor.email } : {}),
    companyName: creditor.name,
    ...(fee.validityDate ? { validityDate: fee.validityDate.toISOString() } : {}),
    switchToExpired: true,
    paymentOption: [
      {
        iuv: iuvOf(fee.nav),
        amount: transfer.reduce((s, t) => s + t.amount, 0),
        description: fee.description.slice(0, 140),
        dueDate: fee.dueDate.toISOString(),
        isPartialPayment: false,
        transfer,
      },
    ],
  };
}
