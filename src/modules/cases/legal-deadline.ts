/**
 * L. 241/1990 art. 2: the term runs from receipt, in calendar days, the first day excluded.
 * Dates are Europe/Rome calendar dates. (Holidays and the working-day calendar come later.)
 */
// Built once: constructing a DateTimeFormat per call showed as 1.3 % of a filing's CPU.
const ROME_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });

export function romeDate(instant: Date): string {
  return ROME_DATE.format(instant);
}

export function legalDeadline(submittedAt: Date, legalDays: number): string {
  const [y, m, d] = romeDate(submittedAt).split('-').map(Number);
  const due = new Date(Date.UTC(y, m - 1, d + legalDays));
  return due.toISOString().slice(0, 10);
}
