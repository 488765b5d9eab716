import {
  decodeOmocodia,
  fiscalCodeCheckChar,
  fiscalCodeProblem,
  FiscalCodeProblem,
  isElevenDigitCode,
  isPersonOrLegalFiscalCode,
  isValidFiscalCode,
  normaliseFiscalCode,
} from './fiscal-code';

/** One table of real-shaped and tricky codes: what the raw input is, and what the one implementation says. */
const TABLE: Array<[label: string, raw: string, person: FiscalCodeProblem | null, personOrLegal: boolean]> = [
  ['a man born in Rome', 'RSSMRA80A01H501U', null, true],
  ['another man', 'RSSMRA85T10A562S', null, true],
  ['a man born in Milan', 'MRTMTT25D09F205Z', null, true],
  ["a woman (day 5 + 40)", 'BNCLRA90E45H501A', null, true],
  ["a woman born on the 12th (52)", 'FRRGLI75C52L219B', null, true],
  ["a woman born on 31 January (71)", 'VRDGPP80A71F205E', null, true],
  ['omocodia on the last digit', 'RSSMRA85T10A56NH', null, true],
  ['omocodia on the last two digits', 'RSSMRA85T10A5SNT', null, true],
  ['omocodia on the last digit of the place', 'RSSMRA80A01H50MM', null, true],
  ['lower case', 'rssmra80a01h501u', null, true],
  ['the TINIT- prefix SPID/CIE send', 'TINIT-RSSMRA80A01H501U', null, true],
  ['spaces around', '  RSSMRA80A01H501U ', null, true],
  ['a wrong check character', 'RSSMRA80A01H501X', 'check-char', false],
  ['omocodia with the original check character', 'RSSMRA85T10A56NS', 'check-char', false],
  ['a day 32..40 (neither man nor woman)', 'RSSMRA80A35H501U', 'birth-date', false],
  ['32 January', 'RSSMRA80A32H501U', 'birth-date', false],
  ['30 February', 'RSSMRA80B30H501U', 'birth-date', false],
  ['a woman born on 32 January (72)', 'VRDGPP80A72F205E', 'birth-date', false],
  ['an unknown month letter', 'RSSMRA80Z01H501U', 'format', false],
  ['a place letter outside A-M and Z', 'RSSMRA80A01N501U', 'format', false],
  ['15 characters', 'RSSMRA80A01H501', 'length', false],
  ['17 characters', 'RSSMRA80A01H501UU', 'length', false],
  ['a legal person (11 digits)', '00743110157', 'length', true],
  ['a legal person with a wrong check digit', '00743110158', 'length', false],
  ['a letter that is not omocodia in a digit place', 'RSSMRA8AA01H501U', 'format', false],
  ['a NUL byte inside', 'RSSMRA80A01H501\u0000', 'format', false],
];

describe('codice fiscale (the one implementation)', () => {
  it.each(TABLE)('given %s (%j), when validated, then the person check says %s and person-or-legal says %s', (_label, raw, person, personOrLegal) => {
    // given
    const code = normaliseFiscalCode(raw);
    // when / then
    expect(fiscalCodeProblem(code)).toBe(person);
    expect(isValidFiscalCode(code)).toBe(person === null);
    expect(isPersonOrLegalFiscalCode(code)).toBe(personOrLegal);
  });

  it('given omocodia on every digit position, when validating, then the birth date is read through it', () => {
    // given: RSSMRA80A01H501U with all seven digits substituted (8→U 0→L 0→L 1→M 5→R 0→L 1→M)
    const allLetters = 'RSSMRAULALMHRLM';
    const code = allLetters + fiscalCodeCheckChar(allLetters);
    // when / then
    expect(fiscalCodeProblem(code)).toBeNull();
    expect(decodeOmocodia(code).slice(0, 15)).toBe('RSSMRA80A01H501');
  });

  it('given an omocode, when decoded, then the digits come back and the check character is kept', () => {
    expect(decodeOmocodia('RSSMRA85T10A56NH')).toBe('RSSMRA85T10A562H');
  });

  it('given 11-digit codes, when checked, then only those with the right check digit pass', () => {
    expect(isElevenDigitCode('00743110157')).toBe(true);
    expect(isElevenDigitCode('00743110158')).toBe(false);
    expect(isElevenDigitCode('0074311015')).toBe(false);
  });
});
