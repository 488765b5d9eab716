import Holidays from 'date-holidays';
import { addDays, CalendarDate, weekday } from './calendar-date';

/**
 * The Comune's business calendar: Sundays, Italian public holidays (date-holidays 'IT', type
 * "public": Easter Monday, 25 April, 4 October from 2026, ...) and the patron saint's day, which
 * the national list lacks and each Comune configures (`COMUNE_PATRON_DAY`, MM-DD).
 */
export class BusinessCalendar {
  private readonly holidays = new Holidays('IT');
  private readonly byYear = new Map<number, Set<CalendarDate>>();

  constructor(private readonly patronDay?: string) {}

  isHoliday(d: CalendarDate): boolean {
    const year = Number(d.slice(0, 4));
    let days = this.byYear.get(year);
    if (!days) {
      days = new Set(this.holidays.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
      if (this.patronDay) days.add(`${year}-${this.patronDay}`);
      this.byYear.set(year, days);
    }
    return days.has(d);
  }

  /** Sunday or holiday: a term ending on it moves on (L. 241/1990 via art. 2963 c.c. and art. 155 c.p.c.). */
  isNonWorking(d: CalendarDate): boolean {
    return weekday(d) === 0 || this.isHoliday(d);
  }

  /** The first working day on or after `d`. */
  rollForward(d: CalendarDate): CalendarDate {
    let day = d;
    while (this.isNonWorking(day)) day = addDays(day, 1);
    return day;
  }

  /** A term of `days` calendar days from `from` (the first day excluded), moved off a closing day. */
  addCalendarDays(from: CalendarDate, days: number): CalendarDate {
    return this.rollForward(addDays(from, days));
  }

  /** `days` working days after `from` (the first day excluded). */
  addWorkingDays(from: CalendarDate, days: number): CalendarDate {
    let day = from;
    for (let n = 0; n < days; ) {
      day = addDays(day, 1);
      if (!this.isNonWorking(day)) n++;
    }
    return day;
  }
}
