/**
 * The one codice fiscale implementation (DM 23/12/1976). A natural person's code has 16
 * characters, may carry omocodia (digits replaced by LMNPQRSTUV) and ends with a check character
 * computed on the code as written; women's birth days are increased by 40. Legal persons (and
 * provisional codes) have 11 digits with a Luhn-style check digit, like a partita IVA.
 *
 * Kept here rather than taken from a library: `@marketto/codice-fiscale-utils` 3.1.3 needs a
 * Belfiore place connector for its validator and gives no reason for a refusal (see notes).
 */
const OMOCODIA = 'LMNPQRSTUV';
const MONTHS = 'ABCDEHLMPRST';
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Positions holding digits that omocodia may replace with a letter. */
const DIGIT_POSITIONS = [6, 7, 9, 10, 12, 13, 14];
// Values of characters in odd (1st, 3rd, ...) positions; digits share the values of A-J.
const ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const SHAPE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-MZ][0-9LMNPQRSTUV]{3}[A-Z]$/;

/** Trims, upper-cases and drops the `TINIT-` prefix SPID/CIE put on fiscal numbers. */
export const normaliseFiscalCode = (raw: string): string => raw.trim().toUpperCase().replace(/^TINIT-/, '');

const valueOf = (ch: string): number => (ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 65);

/** The check character for the first 15 characters of a person's code. */
export function fiscalCodeCheckChar(first15: string): string {
  let sum = 0;
  // 1-based odd positions (0-based even) use the odd table; digits and letters share it.
  for (let i = 0; i < 15; i++) sum += i % 2 === 0 ? ODD_VALUES[valueOf(first15[i])] : valueOf(first15[i]);
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

/** Why `code` (already normalised) is not a natural person's codice fiscale, or null when it is. */
export function fiscalCodeProblem(code: string): FiscalCodeProblem | null {
  if (code.length !== 16) return 'length';
  if (!SHAPE.test(code)) return 'format';
  const plain = decodeOmocodia(code);
  const month = MONTHS.indexOf(plain[8]);
  const rawDay = Number(plain.slice(9, 11));
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  if (day < 1 || day > DAYS_IN_MONTH[month] || (rawDay > 31 && rawDay < 41)) return 'birth-date';
  if (fiscalCodeCheckChar(code.slice(0, 15)) !== code[15]) return 'check-char';
  return null;
}

/** A natural person's codice fiscale (16 characters), already normalised. */
export const isValidFiscalCode = (code: string): boolean => fiscalCodeProblem(code) === null;

/** An 11-digit code (legal persons, partita IVA, provisional codes) with its check digit. */
export function isElevenDigitCode(v: string): boolean {
  if (!/^\d{11}$/.test(v)) return false;
  let s = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(v[i]);
    if (i % 2) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    s += d;
  }
  return (10 - (s % 10)) % 10 === Number(v[10]);
}

/** A person's or a legal person's code (protocol correspondents), already normalised. */
export const isPersonOrLegalFiscalCode = (v: string): boolean => isValidFiscalCode(v) || isElevenDigitCode(v);
