/** Calendar dates as `YYYY-MM-DD` strings (Europe/Rome), with plain day arithmetic (no time of day, no DST). */
export type CalendarDate = string;

const ROME = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Europe/Rome calendar date of an instant. */
export const romeDateOf = (instant: Date): CalendarDate => ROME.format(instant);

const toUtc = (d: CalendarDate): number => {
  const [y, m, day] = d.split('-').map(Number);
  return Date.UTC(y, m - 1, day);
};

export const addDays = (d: CalendarDate, days: number): CalendarDate => new Date(toUtc(d) + days * 86_400_000).toISOString().slice(0, 10);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number => Math.round((toUtc(to) - toUtc(from)) / 86_400_000);

export const weekday = (d: CalendarDate): number => new Date(toUtc(d)).getUTCDay();

export const maxDate = (a: CalendarDate, b: CalendarDate): CalendarDate => (a > b ? a : b);
export const minDate = (a: CalendarDate, b: CalendarDate): CalendarDate => (a < b ? a : b);
