import { isValidFiscalCode } from '../modules/identity';
import { checkCharacter, fiscalCodeFor, loadCitizens } from './fiscal-codes';

describe('load-run fiscal codes', () => {
  it('given a known code, when its check character is computed, then it matches the one issued', () => {
    expect(checkCharacter('RSSMRA80A01H501')).toBe('U');
  });

  it('given the first 5,000 indexes, when codes are generated, then each is valid and all are distinct', () => {
    const codes = Array.from({ length: 5000 }, (_, i) => fiscalCodeFor(i));
    expect(codes.filter((c) => !isValidFiscalCode(c))).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('given a count, when citizens are made, then each has its own code and an e-mail', () => {
    const citizens = loadCitizens(3);
    expect(citizens.map((c) => c.fiscalCode)).toEqual([fiscalCodeFor(0), fiscalCodeFor(1), fiscalCodeFor(2)]);
    expect(citizens.every((c) => c.kind === 'citizen' && /@example\.it$/.test(c.email ?? ''))).toBe(true);
  });
});
