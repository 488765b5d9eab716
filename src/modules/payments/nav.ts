/**
 * Notice numbers (NAV, "numero avviso") with aux digit 3: `3` + segregation code (2) + IUV base
 * (13: year + 9-digit sequence) + check digits (2) = ("3" + segregation + base) mod 93.
 * The IUV is the NAV without its aux digit (17 digits).
 */
export function iuvCheck(segregation: string, base: string): string {
  return String(BigInt('3' + segregation + base) % 93n).padStart(2, '0');
}

export function composeNav(segregation: string, year: number, sequence: number): string {
  if (!/^\d{2}$/.test(segregation)) throw new RangeError(`segregation code must be 2 digits: ${segregation}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year must have 4 digits: ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999_999) throw new RangeError(`sequence out of range: ${sequence}`);
  const base = `${year}${String(sequence).padStart(9, '0')}`;
  return `3${segregation}${base}${iuvCheck(segregation, base)}`;
}

/** True for an 18-digit aux-3 NAV whose check digits are right. */
export function isValidNav(nav: string): boolean {
  if (!/^3\d{17}$/.test(nav)) return false;
  return iuvCheck(nav.slice(1, 3), nav.slice(3, 16)) === nav.slice(16);
}

export const iuvOf = (nav: string): string => nav.slice(1);
export const navOf = (iuv: string): string => `3${iuv}`;
export const isValidIuv = (iuv: string): boolean => isValidNav(navOf(iuv));
