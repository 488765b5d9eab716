import { isFiscalCode, normaliseFiscalCode } from './fiscal-code';

describe('fiscal codes of correspondents', () => {
  it('given valid codes of a person, an omocode and a company, when checked, then they are accepted', () => {
    // then
    expect(isFiscalCode('RSSMRA85T10A562S')).toBe(true);
    expect(isFiscalCode('RSSMRA85T10A56NH')).toBe(true);
    expect(isFiscalCode('00743110157')).toBe(true);
  });

  it('given a wrong check character or digit, when checked, then the code is refused', () => {
    // then
    expect(isFiscalCode('RSSMRA85T10A562T')).toBe(false);
    expect(isFiscalCode('00743110158')).toBe(false);
    expect(isFiscalCode('RSSMRA85Z10A562S')).toBe(false);
  });

  it('given a SPID fiscalNumber in lower case, when normalised, then prefix and case are fixed', () => {
    // then
    expect(normaliseFiscalCode(' tinit-rssmra85t10a562s ')).toBe('RSSMRA85T10A562S');
  });
});
