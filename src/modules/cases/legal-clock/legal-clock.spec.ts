import { BusinessCalendar } from './business-calendar';
import { romeDateOf } from './calendar-date';
import { computeClock, maySuspend, Suspension, SUSPENSION_RULES } from './legal-clock';

const plain = new BusinessCalendar();
const milano = new BusinessCalendar('12-07'); // Sant'Ambrogio

const integration = (from: string, resumesOn: string | null): Suspension => ({ kind: 'integrazione', from, resumesOn, ...SUSPENSION_RULES.integrazione });
const notice = (from: string, resumesOn: string | null): Suspension => ({ kind: 'preavviso-rigetto', from, resumesOn, ...SUSPENSION_RULES['preavviso-rigetto'] });

describe('legal clock (L. 241/1990 art. 2, 10-bis)', () => {
  // [case, submitted on, legal days, expected deadline, calendar]
  const deadlines: Array<[string, string, number, string, BusinessCalendar | null]> = [
    ['an ordinary weekday', '2026-03-02', 30, '2026-04-01', null],
    ['a Sunday moves to Monday', '2026-02-06', 30, '2026-03-09', null],
    ['Easter Sunday moves past Easter Monday', '2026-03-06', 30, '2026-04-07', null],
    ['Easter Monday moves to Tuesday', '2026-03-07', 30, '2026-04-07', null],
    ['Easter Monday 2027 (29 March)', '2027-02-27', 30, '2027-03-30', null],
    ['1 November on a Sunday (2026)', '2026-10-02', 30, '2026-11-02', null],
    ['1 November on a Monday (2027)', '2027-10-02', 30, '2027-11-02', null],
    ['8 December', '2026-11-08', 30, '2026-12-09', null],
    ['25 December, then 26 (Saturday, a holiday) and Sunday', '2026-11-25', 30, '2026-12-28', null],
    ['26 December alone', '2027-11-26', 30, '2027-12-27', null],
    ['4 October (national holiday from 2026)', '2026-09-04', 30, '2026-10-05', null],
    ['the patron day is a working day where none is configured', '2026-11-07', 30, '2026-12-07', null],
    ['the patron day (7 December) and 8 December', '2026-11-07', 30, '2026-12-09', milano],
    ['year end: 1 January moves to 2 January (a Saturday is a working day)', '2026-12-02', 30, '2027-01-02', null],
    ['6 January', '2026-12-07', 30, '2027-01-07', null],
    ['across the year end, 60 days', '2026-11-30', 60, '2027-01-29', null],
  ];
  it.each(deadlines)('given %s (received %s, %i days), then the deadline is %s', (_name, submittedOn, legalDays, expected, calendar) => {
    const state = computeClock({ submittedOn, legalDays, suspensions: [], today: submittedOn }, calendar ?? plain);
    expect(state).toMatchObject({ deadline: expected, suspended: false, suspendedDays: 0 });
  });

  // The receipt instant's Europe/Rome date, on and around the DST changes.
  const instants: Array<[string, string, string]> = [
    ['2026-03-28T23:30:00Z', '2026-03-29', 'March change night, 00:30 CET'],
    ['2026-03-29T21:59:00Z', '2026-03-29', 'March change day, 23:59 CEST'],
    ['2026-03-29T22:30:00Z', '2026-03-30', 'March change day, 00:30 CEST next day'],
    ['2026-10-24T22:30:00Z', '2026-10-25', 'October change night, 00:30 CEST'],
    ['2026-10-25T22:30:00Z', '2026-10-25', 'October change day, 23:30 CET'],
    ['2026-12-31T23:30:00Z', '2027-01-01', 'New Year, 00:30 CET'],
  ];
  it.each(instants)('given receipt at %s, then it counts from %s (%s)', (instant, date) => {
    expect(romeDateOf(new Date(instant))).toBe(date);
  });

  it('given receipt at 00:30 on the March DST night, when 30 days are counted, then the deadline is 28 April', () => {
    const submittedOn = romeDateOf(new Date('2026-03-28T23:30:00Z'));
    expect(computeClock({ submittedOn, legalDays: 30, suspensions: [], today: submittedOn }, plain).deadline).toBe('2026-04-28');
  });

  it('given receipt at 23:30 on the October DST day, when 30 days are counted, then the deadline is 24 November', () => {
    const submittedOn = romeDateOf(new Date('2026-10-25T22:30:00Z'));
    expect(computeClock({ submittedOn, legalDays: 30, suspensions: [], today: submittedOn }, plain).deadline).toBe('2026-11-24');
  });

  it('given an integration from 10 to 20 March, when the term resumes, then 10 days are added', () => {
    const s = computeClock({ submittedOn: '2026-03-02', legalDays: 30, suspensions: [integration('2026-03-10', '2026-03-20')], today: '2026-03-21' }, plain);
    expect(s).toMatchObject({ deadline: '2026-04-11', suspendedDays: 10, suspended: false, daysLeft: 21 });
  });

  it('given an open integration on its 5th day, then the clock is suspended, the deadline is as if it resumed today, and it resumes by the 30th day', () => {
    const s = computeClock({ submittedOn: '2026-03-02', legalDays: 30, suspensions: [integration('2026-03-10', null)], today: '2026-03-15' }, plain);
    // 1 April + 5 = 6 April, Easter Monday → 7 April.
    expect(s).toMatchObject({ deadline: '2026-04-07', suspendedDays: 5, suspended: true, suspendedSince: '2026-03-10', resumesBy: '2026-04-09', daysLeft: 23 });
  });

  it('given an integration never answered, when 30 days have passed, then the clock resumed by itself on the 30th day', () => {
    const s = computeClock({ submittedOn: '2026-03-02', legalDays: 30, suspensions: [integration('2026-03-10', null)], today: '2026-04-20' }, plain);
    // 1 April + 30 = 1 May, Festa del lavoro → 2 May (Saturday, a working day).
    expect(s).toMatchObject({ deadline: '2026-05-02', suspendedDays: 30, suspended: false, suspendedSince: null });
  });

  it('given an integration answered after 50 days, then at most 30 days count', () => {
    const s = computeClock({ submittedOn: '2026-03-02', legalDays: 30, suspensions: [integration('2026-03-10', '2026-04-29')], today: '2026-04-29' }, plain);
    expect(s).toMatchObject({ deadline: '2026-05-02', suspendedDays: 30 });
  });

  it('given a 10-bis notice on 20 March and observations on 25 March, then the term restarts 10 days after the observations (4 April)', () => {
    const s = computeClock({ submittedOn: '2026-03-02', legalDays: 30, suspensions: [notice('2026-03-20', '2026-04-04')], today: '2026-03-26' }, plain);
    expect(s).toMatchObject({ deadline: '2026-04-16', suspendedDays: 15, suspended: false });
  });

  it('given a 10-bis notice and no observations, when the 10-day window ends, then the clock resumes by itself', () => {
    const s = computeClock({ submittedOn: '2026-03-02', legalDays: 30, suspensions: [notice('2026-03-20', null)], today: '2026-04-02' }, plain);
    expect(s).toMatchObject({ deadline: '2026-04-11', suspendedDays: 10, suspended: false });
  });

  it('given an integration of 7 days and later a 10-bis window of 10 days, then 17 days are added', () => {
    const suspensions = [integration('2026-03-05', '2026-03-12'), notice('2026-03-20', '2026-03-30')];
    expect(computeClock({ submittedOn: '2026-03-02', legalDays: 30, suspensions, today: '2026-03-30' }, plain)).toMatchObject({ deadline: '2026-04-18', suspendedDays: 17 });
  });

  it('given two overlapping suspensions, then the shared days count once', () => {
    const suspensions = [integration('2026-03-05', '2026-03-15'), notice('2026-03-10', '2026-03-20')];
    expect(computeClock({ submittedOn: '2026-03-02', legalDays: 30, suspensions, today: '2026-03-30' }, plain).suspendedDays).toBe(15);
  });

  it('given a past deadline, then the days left are negative', () => {
    expect(computeClock({ submittedOn: '2026-03-02', legalDays: 30, suspensions: [], today: '2026-04-03' }, plain).daysLeft).toBe(-2);
  });

  it('given an integration already suspended the term, when a second integration is requested, then it may not suspend it again (art. 2 c. 7)', () => {
    expect(maySuspend([], 'integrazione')).toBe(true);
    expect(maySuspend([{ kind: 'integrazione' }], 'integrazione')).toBe(false);
    expect(maySuspend([{ kind: 'integrazione' }], 'preavviso-rigetto')).toBe(true);
  });

  it('given the business calendar, when adding working days, then Sundays and holidays are skipped', () => {
    // Friday 3 April 2026 + 2 working days: Saturday 4, (Sunday 5 Easter, Monday 6 Easter Monday) Tuesday 7.
    expect(plain.addWorkingDays('2026-04-03', 2)).toBe('2026-04-07');
  });
});
