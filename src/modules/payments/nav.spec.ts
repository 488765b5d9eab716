import { composeNav, isValidIuv, isValidNav, iuvCheck, iuvOf } from './nav';

describe('NAV and IUV', () => {
  it('given ITALIAN-PA worked example (01, 2026000000001), when computing the check, then it is 03 and the NAV 301202600000000103', () => {
    expect(iuvCheck('01', '2026000000001')).toBe('03');
    expect(composeNav('01', 2026, 1)).toBe('301202600000000103');
    expect(iuvOf('301202600000000103')).toBe('01202600000000103');
  });

  it('given a check below 10, when composing, then it is padded to two digits', () => {
    // 3 01 2026000000000 + k: find a sequence whose remainder is one digit and verify the padding.
    const nav = Array.from({ length: 200 }, (_, i) => composeNav('01', 2026, i + 1)).find((n) => n.slice(16).startsWith('0') && n.slice(16) !== '03')!;
    expect(nav).toMatch(/^3\d{15}0\d$/);
    expect(isValidNav(nav)).toBe(true);
  });

  it('given a NAV with one digit changed, when validating, then it is refused', () => {
    expect(isValidNav('301202600000000103')).toBe(true);
    expect(isValidNav('301202600000000203')).toBe(false);
    expect(isValidNav('301202600000000104')).toBe(false);
    expect(isValidNav('001202600000000103')).toBe(false);
    expect(isValidNav('30120260000000010')).toBe(false);
    expect(isValidIuv('01202600000000103')).toBe(true);
  });

  it('given out-of-range parts, when composing, then it throws', () => {
    expect(() => composeNav('1', 2026, 1)).toThrow(RangeError);
    expect(() => composeNav('01', 2026, 0)).toThrow(RangeError);
    expect(() => composeNav('01', 2026, 1_000_000_000)).toThrow(RangeError);
  });
});
