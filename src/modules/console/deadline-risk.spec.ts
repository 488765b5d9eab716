import { daysBetween, deadlineRisk, romeToday } from './deadline-risk';

describe('deadlineRisk', () => {
  it.each([
    ['2026-03-09', '2026-03-10', 'overdue', -1],
    ['2026-03-10', '2026-03-10', 'near', 0],
    ['2026-03-15', '2026-03-10', 'near', 5],
    ['2026-03-16', '2026-03-10', 'ok', 6],
    // across the DST change (29 March 2026) the count stays in whole days
    ['2026-04-02', '2026-03-27', 'ok', 6],
  ])('a deadline on %s seen on %s is %s with %i days left', (due, today, risk, days) => {
    expect(deadlineRisk(due, today)).toMatchObject({ risk, daysLeft: days });
  });

  it('names every risk in words, never colour only', () => {
    expect(deadlineRisk('2026-01-01', '2026-02-01').label).toBe('Scaduta');
    expect(deadlineRisk('2026-02-03', '2026-02-01').label).toBe('In scadenza');
    expect(deadlineRisk('2026-12-01', '2026-02-01').label).toBe('Nei termini');
    expect(deadlineRisk(null, '2026-02-01')).toMatchObject({ risk: 'none', label: 'Senza termine', daysLeft: null });
  });

  it('counts days across a year end', () => {
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
  });

  it("takes today's day in Rome, not in UTC", () => {
    // 23:30 UTC on 31 December is already 1 January in Rome
    expect(romeToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(romeToday(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  });
});
