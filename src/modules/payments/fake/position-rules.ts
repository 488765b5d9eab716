import type { FieldError } from '../../../common';
import { PAYMENTS_MESSAGES as M } from '../payments.messages';
import { isValidIuv, isValidNav } from '../nav';
import type { CartRequest, DebtPosition, PositionStatus } from '../payments.port';

const isCents = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const isDate = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** GPD's checks on a debt position: what the real service refuses with 400, field by field. */
export function positionErrors(p: DebtPosition): FieldError[] {
  const errors: FieldError[] = [];
  const bad = (field: string, message: string = M.invalidField) => errors.push({ field, message });
  if (typeof p.iupd !== 'string' || !/^[\x21-\x7e]{1,100}$/.test(p.iupd)) bad('iupd');
  if (p.type !== 'F' && p.type !== 'G') bad('type');
  if (typeof p.fiscalCode !== 'string' || !/^[A-Z0-9]{11,16}$/i.test(p.fiscalCode)) bad('fiscalCode');
  if (typeof p.fullName !== 'string' || p.fullName.trim() === '') bad('fullName');
  if (typeof p.companyName !== 'string' || p.companyName.trim() === '') bad('companyName');
  if (typeof p.switchToExpired !== 'boolean') bad('switchToExpired');
  if (p.validityDate !== undefined && p.validityDate !== null && !isDate(p.validityDate)) bad('validityDate');
  if (!Array.isArray(p.paymentOption) || p.paymentOption.length === 0) {
    bad('paymentOption');
    return errors;
  }
  const iuvs = new Set<string>();
  p.paymentOption.forEach((o, i) => {
    const at = `paymentOption[${i}]`;
    if (typeof o.iuv !== 'string' || !isValidIuv(o.iuv)) bad(`${at}.iuv`, M.invalidIuv);
    else if (iuvs.has(o.iuv)) bad(`${at}.iuv`, M.positionExists);
    else iuvs.add(o.iuv);
    if (!isCents(o.amount)) bad(`${at}.amount`, M.amountNotPositive);
    if (!isDate(o.dueDate)) bad(`${at}.dueDate`);
    else if (isDate(p.validityDate) && Date.parse(o.dueDate) < Date.parse(p.validityDate)) bad(`${at}.dueDate`, M.dueBeforeValidity);
    if (typeof o.isPartialPayment !== 'boolean') bad(`${at}.isPartialPayment`);
    const transfers = Array.isArray(o.transfer) ? o.transfer : [];
    const ids = transfers.map((t) => t?.idTransfer);
    if (transfers.length < 1 || transfers.length > 5 || new Set(ids).size !== ids.length || ids.some((id) => !/^[1-5]$/.test(String(id)))) {
      bad(`${at}.transfer`, M.invalidTransfers);
      return;
    }
    transfers.forEach((t, j) => {
      const tat = `${at}.transfer[${j}]`;
      if (!isCents(t.amount)) bad(`${tat}.amount`, M.amountNotPositive);
      if (typeof t.remittanceInformation !== 'string' || t.remittanceInformation.trim() === '') bad(`${tat}.remittanceInformation`);
      else if (t.remittanceInformation.length > 140) bad(`${tat}.remittanceInformation`, M.remittanceTooLong);
      if (typeof t.category !== 'string' || t.category.trim() === '') bad(`${tat}.category`);
      const targets = [t.iban, t.postalIban, t.stamp].filter((x) => x !== undefined && x !== null);
      if (targets.length !== 1) bad(tat, M.invalidTransfers);
      if (t.iban !== undefined && !/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(t.iban)) bad(`${tat}.iban`);
      if (t.stamp) {
        if (!/^[A-Za-z0-9+/]{43}=$/.test(t.stamp.hashDocument ?? '')) bad(`${tat}.stamp.hashDocument`);
        if (!/^\d{2}$/.test(t.stamp.stampType ?? '')) bad(`${tat}.stamp.stampType`);
        if (!/^[A-Z]{2}$/.test(t.stamp.provincialResidence ?? '')) bad(`${tat}.stamp.provincialResidence`);
      }
    });
    if (isCents(o.amount) && transfers.every((t) => isCents(t.amount)) && transfers.reduce((s, t) => s + t.amount, 0) !== o.amount) {
      bad(`${at}.transfer`, M.transfersDoNotSum);
    }
  });
  return errors;
}

export function cartErrors(c: CartRequest): FieldError[] {
  const errors: FieldError[] = [];
  const notices = Array.isArray(c?.paymentNotices) ? c.paymentNotices : [];
  if (notices.length < 1 || notices.length > 5) errors.push({ field: 'paymentNotices', message: M.cartSize });
  notices.forEach((n, i) => {
    if (typeof n.noticeNumber !== 'string' || !isValidNav(n.noticeNumber)) errors.push({ field: `paymentNotices[${i}].noticeNumber`, message: M.invalidNav });
    if (!isCents(n.amount)) errors.push({ field: `paymentNotices[${i}].amount`, message: M.amountNotPositive });
    if (typeof n.fiscalCode !== 'string' || !/^\d{11}$/.test(n.fiscalCode)) errors.push({ field: `paymentNotices[${i}].fiscalCode`, message: M.invalidField });
  });
  for (const k of ['returnOkUrl', 'returnCancelUrl', 'returnErrorUrl'] as const) {
    if (typeof c?.returnUrls?.[k] !== 'string' || !/^https?:\/\/\S+$/.test(c.returnUrls[k])) errors.push({ field: `returnUrls.${k}`, message: M.invalidField });
  }
  return errors;
}

/** A published position's state as time passes: VALID from validityDate, EXPIRED after the due date. */
export function effectiveStatus(stored: PositionStatus, p: DebtPosition, unpaidDueDates: Date[], now: Date): PositionStatus {
  if (stored !== 'PUBLISHED' && stored !== 'VALID') return stored;
  if (p.switchToExpired && unpaidDueDates.length > 0 && unpaidDueDates.every((d) => d.getTime() < now.getTime())) return 'EXPIRED';
  if (!p.validityDate || Date.parse(p.validityDate) <= now.getTime()) return 'VALID';
  return 'PUBLISHED';
}
