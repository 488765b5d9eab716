import { isCalendarDate, romeDate, romeDayBounds, romeIsoString, romeYear } from './rome-time';

describe('rome-time', () => {
  it('given 31 December 23:30 UTC, when asking the year, then Rome is already in the new year', () => {
    // given
    const instant = new Date('2025-12-31T23:30:00Z');
    // when
    const year = romeYear(instant);
    // then
    expect(year).toBe(2026);
    expect(romeDate(instant)).toBe('2026-01-01');
  });

  it('given a winter and a summer day, when taking their bounds, then they start at Rome midnight', () => {
    // when
    const winter = romeDayBounds('2026-01-15');
    const summer = romeDayBounds('2026-07-15');
    // then
    expect(winter.start.toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(winter.end.toISOString()).toBe('2026-01-15T23:00:00.000Z');
    expect(summer.start.toISOString()).toBe('2026-07-14T22:00:00.000Z');
  });

  it('given the days clocks change, when taking their bounds, then they last 23 and 25 hours', () => {
    // when
    const spring = romeDayBounds('2026-03-29');
    const autumn = romeDayBounds('2026-10-25');
    // then
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(23);
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(25);
  });

  it('given an instant, when writing it for the register, then it carries the Rome offset', () => {
    // then
    expect(romeIsoString(new Date('2026-01-01T00:15:00.250Z'))).toBe('2026-01-01T01:15:00.250+01:00');
    expect(romeIsoString(new Date('2026-07-01T10:00:00Z'))).toBe('2026-07-01T12:00:00.000+02:00');
  });

  it('given malformed or impossible days, when checking them, then they are refused', () => {
    // then
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(() => romeDayBounds('2026-13-01')).toThrow(RangeError);
  });
});
