/**
 * Calendar arithmetic in Europe/Rome, where the register's year and day are counted (art. 57:
 * numbering restarts on 1 January, Italian time). Uses the runtime's ICU time-zone data.
 */
const ZONE = 'Europe/Rome';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(instant: Date): LocalParts {
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(formatter.formatToParts(instant).find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** Minutes Rome is ahead of UTC at `instant` (60 or 120). */
function offsetMinutes(instant: Date): number {
  const p = localParts(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - whole) / 60_000);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function romeYear(instant: Date): number {
  return localParts(instant).year;
}

/** `YYYY-MM-DD` of `instant` in Rome. */
export function romeDate(instant: Date): string {
  const p = localParts(instant);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** ISO 8601 with Rome's offset, e.g. `2026-01-01T00:15:00.000+01:00`. */
export function romeIsoString(instant: Date): string {
  const p = localParts(instant);
  const off = offsetMinutes(instant);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  const ms = pad(((instant.getTime() % 1000) + 1000) % 1000, 3);
  return (
    `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.${ms}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** Local midnight in Rome of the given day; DST changes happen at 02:00/03:00, never at midnight. */
function romeMidnight(year: number, month: number, day: number): Date {
  const guess = Date.UTC(year, month - 1, day);
  const first = guess - offsetMinutes(new Date(guess)) * 60_000;
  const second = guess - offsetMinutes(new Date(first)) * 60_000;
  return new Date(second);
}

/** The instants [start, end) of a calendar day in Rome (23, 24 or 25 hours long). */
export function romeDayBounds(day: string): { start: Date; end: Date } {
  if (!isCalendarDate(day)) throw new RangeError(`not a calendar day: ${day}`);
  const [y, m, d] = day.split('-').map(Number);
  return { start: romeMidnight(y, m, d), end: romeMidnight(y, m, d + 1) };
}
