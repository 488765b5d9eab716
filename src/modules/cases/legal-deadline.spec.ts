import { legalDeadline, romeDate } from './legal-deadline';

describe('legalDeadline', () => {
  it('given a submission late on 31 December in Rome, when 30 days are added, then the term counts from the Rome date', () => {
    // given: 23:30 UTC on 31 Dec is already 1 January in Rome
    const submitted = new Date('2026-12-31T23:30:00Z');
    // when / then
    expect(romeDate(submitted)).toBe('2027-01-01');
    expect(legalDeadline(submitted, 30)).toBe('2027-01-31');
  });

  it('given a 60-day term across February, when computed, then calendar days are counted', () => {
    expect(legalDeadline(new Date('2027-01-15T10:00:00Z'), 60)).toBe('2027-03-16');
  });
});
