import { compareDecimals, formatDecimal, modDecimals, toDecimal } from './decimal';
import { numberRules, optionValues, presetRules } from './field-rules';

const codes = (errors: Array<{ code: string }>): string[] => errors.map((error) => error.code);

describe('decimal arithmetic (big.js semantics)', () => {
  it.each([
    ['0.1', '0.1'],
    ['1.50', '1.5'],
    ['-2e3', '-2000'],
    ['1e-7', '0.0000001'],
    ['.5', '0.5'],
  ])('given %p, when parsed and printed, then it reads %p', (input, printed) => {
    // given / when
    const decimal = toDecimal(input);

    // then
    expect(decimal && formatDecimal(decimal)).toBe(printed);
  });

  it.each(['', '.', '-', 'abc', '1,5', '0x10', 'Infinity'])('given %p, when parsed, then it is not a number', (input) => {
    // given / when / then
    expect(toDecimal(input)).toBeNull();
  });

  it('given 0.3 and 0.1, when taking the remainder, then it is exactly zero (no float error)', () => {
    // given
    const [a, b] = [toDecimal(0.3), toDecimal(0.1)];

    // when
    const remainder = a && b ? modDecimals(a, b) : null;

    // then
    expect(remainder && formatDecimal(remainder)).toBe('0');
    expect(a && b && compareDecimals(a, b)).toBe(1);
  });
});

describe('numberRules (form-js runNumberValidation)', () => {
  it('given decimalDigits 0, when the value has decimals, then it must be an integer', () => {
    // given / when
    const errors = numberRules({ type: 'number', decimalDigits: 0 }, 2.5);

    // then
    expect(errors).toEqual([{ code: 'decimal-digits', message: 'Il valore deve essere un numero intero.' }]);
  });

  it('given decimalDigits 2, when the value has trailing zeros, then they do not count', () => {
    // given / when / then
    expect(numberRules({ type: 'number', decimalDigits: 2 }, '1.500')).toEqual([]);
    expect(codes(numberRules({ type: 'number', decimalDigits: 2 }, 1.555))).toEqual(['decimal-digits']);
  });

  it('given an increment, when the value is off the step, then the nearest valid values are named', () => {
    // given / when
    const errors = numberRules({ type: 'number', increment: '0.25' }, 1.3);

    // then
    expect(errors).toEqual([{ code: 'increment', message: 'Valore non ammesso: i due valori validi più vicini sono 1.25 e 1.5.' }]);
    expect(numberRules({ type: 'number', increment: 0.1 }, 0.3)).toEqual([]);
  });

  it('given zero, when checked, then number rules are skipped as in form-js', () => {
    // given / when / then
    expect(numberRules({ type: 'number', increment: 7, decimalDigits: 0 }, 0)).toEqual([]);
  });
});

describe('presetRules (form-js runPresetValidation)', () => {
  const field = { type: 'textfield' };

  it('given a pattern without anchors, when part of the value matches, then it passes as RegExp.test does', () => {
    // given / when / then
    expect(presetRules(field, { pattern: '[0-9]{5}' }, 'CAP 00100')).toEqual([]);
    expect(codes(presetRules(field, { pattern: '^[0-9]{5}$' }, 'CAP 00100'))).toEqual(['pattern']);
  });

  it('given lengths, when the value has surrounding spaces, then they are trimmed before counting', () => {
    // given / when / then
    expect(codes(presetRules(field, { minLength: 3 }, '  ab  '))).toEqual(['min-length']);
    expect(codes(presetRules(field, { maxLength: 3 }, ' abcd'))).toEqual(['max-length']);
    expect(presetRules(field, { minLength: 3 }, '')).toEqual([]);
  });

  it('given min and max, when compared, then decimals are exact and a non-number is reported', () => {
    // given
    const number = { type: 'number' };

    // when / then
    expect(codes(presetRules(number, { min: '0.3' }, 0.1 + 0.2 - 0.0000000000000001))).toEqual(['min']);
    expect(presetRules(number, { min: 0, max: 0 }, 0)).toEqual([]);
    expect(codes(presetRules(field, { min: 1 }, 'abc'))).toEqual(['min-invalid']);
  });

  it.each([
    ['email', 'nome.cognome@comune.roma.it', true],
    ['email', 'nome@', false],
    ['email', 'nome cognome@x.it', false],
    ['phone', '+393331234567', true],
    ['phone', '00393331234567', true],
    ['phone', '3331234567', false],
    ['phone', '+390612345678', false],
  ])('given validationType %s, when the value is %p, then valid is %p', (validationType, value, valid) => {
    // given / when
    const errors = presetRules(field, { validationType }, value);

    // then
    expect(errors.length === 0).toBe(valid);
  });

  it('given a required checkbox, when it is false, then it is required', () => {
    // given / when / then
    expect(codes(presetRules({ type: 'checkbox' }, { required: true }, false))).toEqual(['required']);
    expect(presetRules({ type: 'checkbox' }, { required: true }, true)).toEqual([]);
  });
});

describe('optionValues (form-js normalizeOptionsData)', () => {
  it('given mixed options, when normalised, then primitives and labelled values are kept and empty ones dropped', () => {
    // given
    const options = ['a', 0, false, '', null, { value: 'b' }, { label: 'C', value: 'c' }, { label: 'D' }, { label: 'E', value: {} }, { label: 'F', value: { id: 1 } }];

    // when
    const values = optionValues(options);

    // then
    expect(values).toEqual(['a', 0, false, 'b', 'c', { id: 1 }]);
  });
});
