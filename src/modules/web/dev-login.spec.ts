import { DomainException } from '../../common';
import { devPrincipal } from './dev-login';
import { safeReturnPath } from './page-errors';

const offices = (key: string) => ['anagrafe', 'suap'].includes(key);
const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as DomainException).details.fieldErrors?.[0]?.field;
  }
  return undefined;
};

describe('development login', () => {
  it('given a demo codice fiscale, when logging in, then that demo citizen with name and e-mail is the principal', () => {
    expect(devPrincipal({ utente: 'rssmra80a01h501u' }, offices)).toEqual({ kind: 'citizen', fiscalCode: 'RSSMRA80A01H501U', givenName: 'Mario', familyName: 'Rossi', email: 'mario.rossi@example.it' });
  });

  it('given a user id with an office and role, when logging in, then an operator heading that office (or an analyst/admin) is the principal', () => {
    expect(devPrincipal({ utente: 'anna.esposito', ufficio: 'anagrafe', ruolo: 'responsabile' }, offices)).toEqual({ kind: 'operator', userId: 'anna.esposito', name: 'Anna Esposito', offices: ['anagrafe'], headOf: ['anagrafe'] });
    expect(devPrincipal({ utente: 'luca', ufficio: 'suap' }, offices)).toMatchObject({ kind: 'operator', offices: ['suap'], headOf: [] });
    expect(devPrincipal({ utente: 'giorgia.conti', ruolo: 'analista' }, offices)).toEqual({ kind: 'analyst', userId: 'giorgia.conti', name: 'Giorgia Conti' });
    expect(devPrincipal({ utente: 'admin', ruolo: 'amministratore' }, offices)).toMatchObject({ kind: 'admin' });
  });

  it('given ruolo=sportello with an office, when logging in, then a front-desk operator of that office is the principal', () => {
    expect(devPrincipal({ utente: 'francesca.lombardi', ufficio: 'anagrafe', ruolo: 'sportello' }, offices)).toEqual({
      kind: 'operator',
      userId: 'francesca.lombardi',
      name: 'Francesca Lombardi',
      offices: ['anagrafe'],
      headOf: [],
      desk: true,
    });
    expect(devPrincipal({ utente: 'luca', ufficio: 'suap' }, offices)).not.toHaveProperty('desk');
    expect(fieldOf(() => devPrincipal({ utente: 'mario', ruolo: 'sportello' }, offices))).toBe('ufficio');
  });

  it('given bad input, when logging in, then the field at fault is named', () => {
    expect(fieldOf(() => devPrincipal({}, offices))).toBe('utente');
    expect(fieldOf(() => devPrincipal({ utente: 'RSSMRA80A01H501X' }, offices))).toBe('utente');
    expect(fieldOf(() => devPrincipal({ utente: 'x', ufficio: 'anagrafe' }, offices))).toBe('utente');
    expect(fieldOf(() => devPrincipal({ utente: 'mario', ufficio: 'inesistente' }, offices))).toBe('ufficio');
    expect(fieldOf(() => devPrincipal({ utente: 'mario', ruolo: 'sindaco' }, offices))).toBe('ruolo');
    expect(fieldOf(() => devPrincipal({ utente: 'mario', ruolo: 'responsabile' }, offices))).toBe('ufficio');
  });

  it('given a return path, when it is not a local path, then it is refused', () => {
    expect(safeReturnPath('/servizi/x/domanda?passo=1')).toBe('/servizi/x/domanda?passo=1');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil', 'servizi', '/a b', 42]) expect(safeReturnPath(bad)).toBeUndefined();
  });
});
