import Holidays from 'date-holidays';

const DAY = 86_400_000;
const holidays = new Holidays('IT');

/**
 * L. 241/1990 art. 2, computed here independently of the app: the Europe/Rome date of receipt
 * plus the legal (and suspended) days; a last day on a Sunday or Italian public holiday moves to
 * the next working day.
 */
export function expectedDeadline(submittedAt: string, days: number): string {
  const rome = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(submittedAt));
  const [y, m, d] = rome.split('-').map(Number);
  let t = Date.UTC(y, m - 1, d + days);
  const closed = (ms: number) => {
    const date = new Date(ms);
    const ymd = date.toISOString().slice(0, 10);
    return date.getUTCDay() === 0 || holidays.getHolidays(date.getUTCFullYear()).some((h) => h.type === 'public' && h.date.startsWith(ymd));
  };
  while (closed(t)) t += DAY;
  return new Date(t).toISOString().slice(0, 10);
}
