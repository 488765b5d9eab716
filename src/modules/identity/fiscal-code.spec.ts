import { decodeOmocodia, fiscalCodeCheckChar, fiscalCodeProblem, isValidFiscalCode, normaliseFiscalCode } from './fiscal-code';

describe('codice fiscale', () => {
  it.each(['RSSMRA80A01H501U', 'RSSMRA85T10A562S', 'MRTMTT25D09F205Z', 'BNCLRA90E45H501A', 'FRRGLI75C52L219B'])(
    'given the valid code %s, when validating, then it passes',
    (code) => {
      // when
      const problem = fiscalCodeProblem(code);
      // then
      expect(problem).toBeNull();
      expect(isValidFiscalCode(code)).toBe(true);
    },
  );

  it('given a code with omocodia on the last digits, when validating, then it passes and decodes to the original', () => {
    // given: RSSMRA85T10A562S with its last digit (2) replaced by N, and the check character recomputed
    const omocode = 'RSSMRA85T10A56NH';
    // when
    const problem = fiscalCodeProblem(omocode);
    // then
    expect(problem).toBeNull();
    expect(decodeOmocodia(omocode)).toBe('RSSMRA85T10A562H');
  });

  it('given omocodia on every digit position, when validating, then the birth date is read through it', () => {
    // given: RSSMRA80A01H501U with all seven digits substituted (8→U 0→L 0→L 1→M 5→R 0→L 1→M)
    const allLetters = `RSSMRAULALMHRLM`;
    const code = allLetters + fiscalCodeCheckChar(allLetters);
    // when / then
    expect(fiscalCodeProblem(code)).toBeNull();
    expect(decodeOmocodia(code).slice(0, 15)).toBe('RSSMRA80A01H501');
  });

  it.each([
    ['RSSMRA80A01H501X', 'check-char'],
    ['RSSMRA85T10A56NS', 'check-char'],
    ['RSSMRA80A01H501', 'length'],
    ['RSSMRA80A01H501UU', 'length'],
    ['RSSMRA80Z01H501U', 'format'],
    ['RSSMRA80A01N501U', 'format'],
    ['12345678901', 'length'],
    ['RSSMRA80A32H501U', 'birth-date'],
    ['RSSMRA80B30H501U', 'birth-date'],
    ['RSSMRA80A35H501U', 'birth-date'],
  ])('given %s, when validating, then the problem is %s', (code, expected) => {
    // when
    const problem = fiscalCodeProblem(code);
    // then
    expect(problem).toBe(expected);
  });

  it('given a SPID fiscal number in lower case with TINIT- prefix, when normalising, then the bare upper-case code remains', () => {
    // when
    const code = normaliseFiscalCode('  tinit-rssmra80a01h501u ');
    // then
    expect(code).toBe('RSSMRA80A01H501U');
    expect(isValidFiscalCode(code)).toBe(true);
  });
});
