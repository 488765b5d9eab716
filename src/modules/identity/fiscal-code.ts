/**
 * Codice fiscale of a natural person (DM 23/12/1976): 16 characters, omocodia-aware, with the
 * check character verified. Legal persons' 11-digit codes are not citizens' and are refused.
 */
const OMOCODIA = 'LMNPQRSTUV';
const MONTHS = 'ABCDEHLMPRST';
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Positions holding digits that omocodia may replace with a letter. */
const DIGIT_POSITIONS = [6, 7, 9, 10, 12, 13, 14];
const ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const SHAPE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-MZ][0-9LMNPQRSTUV]{3}[A-Z]$/;

/** Trims, upper-cases and drops the `TINIT-` prefix SPID/CIE put on fiscal numbers. */
export const normaliseFiscalCode = (raw: string): string => raw.trim().toUpperCase().replace(/^TINIT-/, '');

const valueOf = (ch: string): number => (ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 65);

/** The check character for the first 15 characters. */
export function fiscalCodeCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const v = valueOf(first15[i]);
    // 1-based odd positions (0-based even) use the odd table; digits and letters share it.
    sum += i % 2 === 0 ? ODD_VALUES[v] : v;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Replaces omocodia letters with the digits they stand for. */
export function decodeOmocodia(code: string): string {
  const chars = code.split('');
  for (const p of DIGIT_POSITIONS) {
    const i = OMOCODIA.indexOf(chars[p]);
    if (i >= 0) chars[p] = String(i);
  }
  return chars.join('');
}

export type FiscalCodeProblem = 'length' | 'format' | 'birth-date' | 'check-char';

/** Why `code` (already normalised) is not a valid codice fiscale, or null when it is. */
export function fiscalCodeProblem(code: string): FiscalCodeProblem | null {
  if (code.length !== 16) return 'length';
  if (!SHAPE.test(code)) return 'format';
  const plain = decodeOmocodia(code);
  const month = MONTHS.indexOf(plain[8]);
  const rawDay = Number(plain.slice(9, 11));
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  if (day < 1 || day > DAYS_IN_MONTH[month] || (rawDay > 31 && rawDay < 41)) return 'birth-date';
  // The check character is computed on the code as written, omocodia letters included.
  if (fiscalCodeCheckChar(code.slice(0, 15)) !== code[15]) return 'check-char';
  return null;
}

export const isValidFiscalCode = (code: string): boolean => fiscalCodeProblem(code) === null;
