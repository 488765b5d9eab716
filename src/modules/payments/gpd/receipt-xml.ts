import type { Receipt } from '../payments.port';

/**
 * The receipts service's `GET /payments/{org}/receipts/{iuv}` answers the receipt as pagoPA sent
 * it to the creditor: the XML of `paSendRTReq` (or `paSendRTV2Request`), whose `receipt` holds
 * receiptId, noticeNumber, fiscalCode (the creditor), creditorReferenceId (the IUV),
 * paymentAmount in euro with two decimals, the debtor's entityUniqueIdentifierValue and
 * paymentDateTime. This reads those leaf elements (any namespace prefix) into the port's Receipt
 * (amount in cents). The schema is flat and fixed, so no XML library: a missing or malformed
 * element throws naming it.
 */
export function receiptFromXml(xml: string): Receipt {
  const receipt = section(xml, 'receipt') ?? xml;
  const debtor = section(receipt, 'debtor');
  const amount = text(receipt, 'paymentAmount');
  if (!/^\d+(\.\d{1,2})?$/.test(amount)) throw new Error(`receipt XML: paymentAmount "${amount}" is not an amount in euro`);
  const [euro, cents = ''] = amount.split('.');
  const paidAt = text(receipt, 'paymentDateTime');
  if (Number.isNaN(Date.parse(paidAt))) throw new Error(`receipt XML: paymentDateTime "${paidAt}" is not a date-time`);
  const iuv = text(receipt, 'creditorReferenceId');
  return {
    receiptId: text(receipt, 'receiptId'),
    organizationFiscalCode: text(receipt, 'fiscalCode'),
    iuv,
    noticeNumber: text(receipt, 'noticeNumber'),
    amount: Number(euro) * 100 + Number(cents.padEnd(2, '0')),
    debtorFiscalCode: debtor ? text(debtor, 'entityUniqueIdentifierValue') : '',
    // pagoPA writes local Italian time without an offset; read as such it is not UTC.
    paymentDateTime: /[zZ]|[+-]\d{2}:?\d{2}$/.test(paidAt) ? new Date(paidAt).toISOString() : romeToIso(paidAt),
  };
}

function section(xml: string, name: string): string | undefined {
  const m = new RegExp(`<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`).exec(xml);
  return m?.[1];
}

function text(xml: string, name: string): string {
  const value = section(xml, name);
  if (value === undefined) throw new Error(`receipt XML: <${name}> is missing`);
  return decode(value.trim());
}

function decode(s: string): string {
  return s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** `2026-11-30T10:15:00` in Europe/Rome as an ISO instant. */
function romeToIso(local: string): string {
  const asUtc = new Date(`${local.slice(0, 19)}Z`);
  const offset = (d: Date) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Rome', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(d);
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - d.getTime();
  };
  return new Date(asUtc.getTime() - offset(asUtc)).toISOString();
}
