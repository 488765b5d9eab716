import { CitizenPrincipal } from '../modules/identity';

/**
 * Distinct, valid codici fiscali for load runs (DM 23/12/1976): surname and name letters spelled
 * from the index, a birth date, a real cadastral code, and the check character computed here
 * (odd positions through the conversion table, even positions by value, modulo 26).
 */
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const MONTHS = 'ABCDEHLMPRST';
const COMUNI = ['H501', 'F205', 'L219', 'F839', 'G273', 'D612', 'A944', 'L736'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function checkCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15[i];
    const v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? ODD[v] : v;
  }
  return String.fromCharCode(65 + (sum % 26));
}

const letters = (n: number, width: number): string => {
  let out = '';
  for (let i = 0; i < width; i++, n = Math.floor(n / 26)) out = LETTERS[n % 26] + out;
  return out;
};

/** The `i`-th code (i < 26^3 · 1000): distinct for distinct `i`. */
export function fiscalCodeFor(i: number): string {
  const surname = letters(i, 3);
  const name = letters(Math.floor(i / 17_576) * 7 + (i % 11), 3);
  const year = String(50 + (i % 50)).padStart(2, '0');
  const month = MONTHS[i % 12];
  const female = i % 2 === 1;
  const day = String(1 + (i % 28) + (female ? 40 : 0)).padStart(2, '0');
  const first15 = `${surname}${name}${year}${month}${day}${COMUNI[i % COMUNI.length]}`;
  return first15 + checkCharacter(first15);
}

/** `n` distinct citizens with valid fiscal codes and an e-mail address. */
export function loadCitizens(n: number): CitizenPrincipal[] {
  return Array.from({ length: n }, (_, i) => ({
    kind: 'citizen',
    fiscalCode: fiscalCodeFor(i),
    givenName: `Cittadino${i}`,
    familyName: 'Prova',
    email: `cittadino${i}@example.it`,
  }));
}
