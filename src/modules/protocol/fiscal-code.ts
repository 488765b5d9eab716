/**
 * Italian tax identifiers of a correspondent: a person's codice fiscale (16 characters, omocodia
 * allowed) or an 11-digit number (partita IVA, legal persons' and provisional codici fiscali).
 * Both carry a check character, verified here so a mistyped code never enters the register.
 */
const CF_PATTERN = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

// Values of characters in odd (1st, 3rd, ...) positions; digits share the values of A-J.
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

const ordinal = (c: string): number => (c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65);

function personCheckOk(cf: string): boolean {
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += i % 2 === 0 ? ODD[ordinal(cf[i])] : ordinal(cf[i]);
  return String.fromCharCode(65 + (sum % 26)) === cf[15];
}

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

/** Upper case, no spaces, no `TINIT-` prefix (SPID's fiscalNumber form). */
export const normaliseFiscalCode = (raw: string): string => raw.trim().toUpperCase().replace(/^TINIT-/, '');

export function isFiscalCode(v: string): boolean {
  return (CF_PATTERN.test(v) && personCheckOk(v)) || isElevenDigitCode(v);
}
