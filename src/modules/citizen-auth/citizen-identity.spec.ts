import { identityFromClaims } from './citizen-identity';
import { acrOf, levelOfAcr, requiredLevel } from './citizen-levels';

const SPID = { id: 'spid', kind: 'spid' as const };

describe('identityFromClaims', () => {
  it('given SPID claims with TINIT- fiscal number, when mapping, then the codice fiscale is upper-case without prefix', () => {
    const id = identityFromClaims(
      { 'https://attributes.eid.gov.it/fiscal_number': 'TINIT-rssmra80a01h501u', given_name: 'Mario', family_name: 'Rossi', email: 'mario@example.it' },
      2,
      SPID,
    );
    expect(id).toEqual({ fiscalCode: 'RSSMRA80A01H501U', givenName: 'Mario', familyName: 'Rossi', email: 'mario@example.it', authLevel: 2, method: 'spid', idp: 'spid' });
  });

  it.each([
    [{ fiscal_number: 'RSSMRA80A01H501U', given_name: 'M', family_name: 'R' }, 'fiscal_number'],
    [{ fiscal_number: 'TINIT-RSSMRA80A01H501A', given_name: 'M', family_name: 'R' }, 'fiscal_number'],
    [{ fiscal_number: 'TINIT-RSSMRA80A01H501U', family_name: 'R' }, 'given_name'],
    [{ fiscal_number: 'TINIT-RSSMRA80A01H501U', given_name: 'M', family_name: ' ' }, 'family_name'],
  ])('given bad claims %j, when mapping, then the claim %s is named', (claims, problem) => {
    expect(identityFromClaims(claims, 1, SPID)).toEqual({ problem });
  });
});

describe('levels', () => {
  it('given acr values, when reading, then only the three SPID URIs give a level', () => {
    expect(levelOfAcr(acrOf(3))).toBe(3);
    expect(levelOfAcr('https://www.spid.gov.it/SpidL4')).toBeNull();
    expect(levelOfAcr(undefined)).toBeNull();
    expect([requiredLevel('none'), requiredLevel('1'), requiredLevel('2'), requiredLevel('3')]).toEqual([1, 1, 2, 3]);
  });
});
