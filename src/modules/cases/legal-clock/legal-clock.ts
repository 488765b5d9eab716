import { BusinessCalendar } from './business-calendar';
import { addDays, CalendarDate, daysBetween, maxDate, minDate } from './calendar-date';

/** Why the term stops: art. 2 c. 7 (integration request) or art. 10-bis (notice of refusal). */
export type SuspensionKind = 'integrazione' | 'preavviso-rigetto';

export interface Suspension {
  kind: SuspensionKind;
  /** The day the clock stopped (the request or notice was sent). */
  from: CalendarDate;
  /** The day the clock runs again; null while the office still waits. */
  resumesOn: CalendarDate | null;
  /** An open suspension ends by itself this many days after `from` (integration: 30; 10-bis: the 10-day window). */
  autoResumeDays: number;
  /** No suspension counts more than this many days (integration: 30; 10-bis: 10 + 10 after the observations). */
  maxDays: number;
}

/** L. 241/1990 defaults; a procedure may set others (process properties). */
export const SUSPENSION_RULES: Record<SuspensionKind, { autoResumeDays: number; maxDays: number }> = {
  integrazione: { autoResumeDays: 30, maxDays: 30 },
  'preavviso-rigetto': { autoResumeDays: 10, maxDays: 20 },
};

export interface ClockInput {
  /** Europe/Rome date of receipt of the istanza. */
  submittedOn: CalendarDate;
  legalDays: number;
  suspensions: readonly Suspension[];
  today: CalendarDate;
}

export interface ClockState {
  /** The current last day for the outcome, moved off Sundays and holidays. */
  deadline: CalendarDate;
  /** Calendar days the term has been suspended so far. */
  suspendedDays: number;
  suspended: boolean;
  suspendedSince: CalendarDate | null;
  /** While suspended: the day the clock restarts at the latest. */
  resumesBy: CalendarDate | null;
  /** Calendar days from today to the deadline (negative once past it). */
  daysLeft: number;
}

/** When a suspension's clock runs again, as seen on `today`: its own resumption, the automatic one, or still open (null). */
export function effectiveResume(s: Suspension, today: CalendarDate): CalendarDate | null {
  const cap = addDays(s.from, s.maxDays);
  if (s.resumesOn) return minDate(maxDate(s.resumesOn, s.from), cap);
  const auto = addDays(s.from, s.autoResumeDays);
  return today >= auto ? auto : null;
}

/**
 * The legal term of a case (L. 241/1990 art. 2): calendar days from receipt, the first day
 * excluded, plus every day the term was suspended (overlaps counted once); a last day on a
 * Sunday or holiday moves to the next working day. While suspended, the deadline is the one the
 * case would have if the clock restarted today: it moves a day each day and `daysLeft` stays put.
 */
export function computeClock(input: ClockInput, calendar: BusinessCalendar): ClockState {
  const spans = input.suspensions
    .map((s) => {
      const resume = effectiveResume(s, input.today);
      return { from: s.from, to: resume ?? maxDate(input.today, s.from), open: resume === null, cap: addDays(s.from, s.autoResumeDays) };
    })
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let suspendedDays = 0;
  // The end of the days already counted ('' before the first span): overlapping spans count once.
  let counted = '';
  for (const span of spans) {
    const start = maxDate(counted, span.from);
    if (span.to > start) suspendedDays += daysBetween(start, span.to);
    counted = maxDate(counted, span.to);
  }
  const open = spans.filter((s) => s.open);
  const deadline = calendar.addCalendarDays(input.submittedOn, input.legalDays + suspendedDays);
  return {
    deadline,
    suspendedDays,
    suspended: open.length > 0,
    suspendedSince: open.length ? open.map((s) => s.from).sort()[0] : null,
    resumesBy: open.length ? open.map((s) => s.cap).sort().reverse()[0] : null,
    daysLeft: daysBetween(input.today, deadline),
  };
}

/** Art. 2 c. 7: the term is suspended for an integration at most once; 10-bis likewise once per procedure. */
export function maySuspend(existing: readonly Pick<Suspension, 'kind'>[], kind: SuspensionKind): boolean {
  return !existing.some((s) => s.kind === kind);
}
