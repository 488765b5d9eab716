import { toCents } from './create-debt.handler';

describe('toCents', () => {
  it('given euro with two decimals, when converting, then cents are exact (no float drift)', () => {
    expect(toCents(312.4, 'euro')).toBe(31240);
    expect(toCents(0.1 + 0.2, 'euro')).toBe(30);
    expect(toCents('16.00', 'euro')).toBe(1600);
  });

  it('given cents, when converting, then only positive whole numbers pass', () => {
    expect(toCents('1600', 'cents')).toBe(1600);
    expect(toCents(16.5, 'cents')).toBeNull();
    expect(toCents(0, 'cents')).toBeNull();
    expect(toCents(-5, 'cents')).toBeNull();
  });

  it('given three decimals, an unknown unit or text, when converting, then null', () => {
    expect(toCents(1.234, 'euro')).toBeNull();
    expect(toCents(10, 'lire')).toBeNull();
    expect(toCents('dieci', 'euro')).toBeNull();
  });
});
