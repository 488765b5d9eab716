import { DEMO_CITIZENS, DEMO_OPERATORS, DEMO_PRINCIPALS } from './demo-principals';
import { IdentityInvalidPrincipalException } from './identity.exceptions';
import { principalFromClaims, principalToClaims } from './principal-claims';

describe('principal claims', () => {
  it('given a SPID-style citizen claim set with TINIT- prefix, when reading it, then the citizen has the bare fiscal code', () => {
    // given
    const claims = {
      sub: 'spid-user-42',
      kind: 'citizen',
      given_name: 'Mario',
      family_name: 'Rossi',
      email: 'mario.rossi@example.it',
      fiscal_number: 'TINIT-rssmra80a01h501u',
    };
    // when
    const outcome = principalFromClaims(claims);
    // then
    expect(outcome).toEqual({
      ok: true,
      principal: { kind: 'citizen', fiscalCode: 'RSSMRA80A01H501U', givenName: 'Mario', familyName: 'Rossi', email: 'mario.rossi@example.it' },
    });
  });

  it('given the fiscal number only under the eID attributes namespace, when reading claims, then it is used', () => {
    // given
    const claims = {
      sub: 'x',
      kind: 'citizen',
      given_name: 'Laura',
      family_name: 'Bianchi',
      'https://attributes.eid.gov.it/fiscal_number': 'TINIT-BNCLRA90E45H501A',
    };
    // when
    const outcome = principalFromClaims(claims);
    // then
    expect(outcome.ok && outcome.principal.kind === 'citizen' && outcome.principal.fiscalCode).toBe('BNCLRA90E45H501A');
  });

  it('given a citizen whose fiscal code fails the check character, when reading claims, then they are refused naming the field', () => {
    // when
    const outcome = principalFromClaims({ sub: 'RSSMRA80A01H501X', kind: 'citizen', given_name: 'Mario', family_name: 'Rossi' });
    // then
    expect(outcome).toEqual({ ok: false, problems: [expect.stringMatching(/^fiscalCode: carattere di controllo/)] });
  });

  it('given an operator heading an office not listed among offices, when reading claims, then head-of implies membership', () => {
    // when
    const outcome = principalFromClaims({ sub: 'op1', kind: 'operator', name: 'Op', offices: ['anagrafe'], head_of: ['suap'] });
    // then
    expect(outcome).toEqual({
      ok: true,
      principal: { kind: 'operator', userId: 'op1', name: 'Op', offices: ['anagrafe', 'suap'], headOf: ['suap'] },
    });
  });

  it.each([
    [{ sub: 'u', kind: 'root', name: 'X' }, 'kind'],
    [{ kind: 'admin', name: 'X' }, 'sub'],
    [{ sub: 'u', kind: 'operator', name: 'X', offices: 'anagrafe' }, 'offices'],
    [{ sub: 'u', kind: 'operator', name: 'X', offices: [] }, 'offices'],
    [{ sub: 'u', kind: 'operator', name: 'X', offices: ['Anagrafe!'] }, 'offices.0'],
    [{ sub: 'u', kind: 'analyst' }, 'name'],
  ])('given malformed claims %j, when reading them, then the problem names %s', (claims, field) => {
    // when
    const outcome = principalFromClaims(claims);
    // then
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problems.some((p) => p.startsWith(`${field}`))).toBe(true);
  });

  it('given every demo principal, when mapped to claims and back, then each comes back unchanged', () => {
    for (const principal of DEMO_PRINCIPALS) {
      // when
      const back = principalFromClaims(principalToClaims(principal));
      // then
      expect(back).toEqual({ ok: true, principal });
    }
    expect(DEMO_CITIZENS.length).toBeGreaterThanOrEqual(3);
    const offices = new Set(DEMO_OPERATORS.flatMap((o) => o.offices));
    const heads = new Set(DEMO_OPERATORS.flatMap((o) => o.headOf));
    for (const office of ['anagrafe', 'servizi-educativi', 'suap', 'polizia-locale', 'lavori-pubblici']) {
      expect(offices.has(office)).toBe(true);
      expect(heads.has(office)).toBe(true);
    }
  });

  it('given a citizen with a bad e-mail and no given name, when mapping to claims, then both fields are named', () => {
    // when
    const attempt = () =>
      principalToClaims({ kind: 'citizen', fiscalCode: 'RSSMRA80A01H501U', givenName: ' ', familyName: 'Rossi', email: 'nope' });
    // then
    expect(attempt).toThrow(IdentityInvalidPrincipalException);
    try {
      attempt();
    } catch (e) {
      expect((e as IdentityInvalidPrincipalException).details.fieldErrors?.map((f) => f.field)).toEqual(['givenName', 'email']);
    }
  });
});

describe('the reserved citizen queue (issue 9 probe)', () => {
  it('given operator claims with office "citizen", when read, then the claims are refused', () => {
    // when
    const outcome = principalFromClaims({ sub: 'probe', kind: 'operator', name: 'Probe', offices: ['citizen'], head_of: [] });
    // then
    expect(outcome.ok).toBe(false);
  });
});
