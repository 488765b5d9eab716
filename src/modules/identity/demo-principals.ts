import type { AdminPrincipal, AnalystPrincipal, CitizenPrincipal, OperatorPrincipal, Principal } from './principal';

/**
 * Demo people for development, seeding and the README. Fiscal codes are valid (check character
 * included) but invented; one carries omocodia. Never used outside development and tests.
 */
export const DEMO_CITIZENS: readonly CitizenPrincipal[] = [
  { kind: 'citizen', fiscalCode: 'RSSMRA80A01H501U', givenName: 'Mario', familyName: 'Rossi', email: 'mario.rossi@example.it' },
  { kind: 'citizen', fiscalCode: 'BNCLRA90E45H501A', givenName: 'Laura', familyName: 'Bianchi', email: 'laura.bianchi@example.it' },
  { kind: 'citizen', fiscalCode: 'VRDGPP80A01F205X', givenName: 'Giuseppe', familyName: 'Verdi', email: 'giuseppe.verdi@example.it' },
  { kind: 'citizen', fiscalCode: 'FRRGLI75C52L219B', givenName: 'Giulia', familyName: 'Ferrari' },
  { kind: 'citizen', fiscalCode: 'RSSMRA85T10A56NH', givenName: 'Marco', familyName: 'Rossi', email: 'marco.rossi@example.it' },
];

export const DEMO_OPERATORS: readonly OperatorPrincipal[] = [
  { kind: 'operator', userId: 'anna.esposito', name: 'Anna Esposito', offices: ['anagrafe'], headOf: ['anagrafe'] },
  { kind: 'operator', userId: 'luca.romano', name: 'Luca Romano', offices: ['anagrafe'], headOf: [] },
  { kind: 'operator', userId: 'sara.colombo', name: 'Sara Colombo', offices: ['servizi-educativi'], headOf: ['servizi-educativi'] },
  { kind: 'operator', userId: 'paolo.ricci', name: 'Paolo Ricci', offices: ['servizi-educativi'], headOf: [] },
  { kind: 'operator', userId: 'elena.marino', name: 'Elena Marino', offices: ['suap', 'polizia-locale'], headOf: ['suap'] },
  { kind: 'operator', userId: 'davide.greco', name: 'Davide Greco', offices: ['polizia-locale'], headOf: ['polizia-locale'] },
  { kind: 'operator', userId: 'chiara.bruno', name: 'Chiara Bruno', offices: ['lavori-pubblici'], headOf: ['lavori-pubblici'] },
  { kind: 'operator', userId: 'marco.gallo', name: 'Marco Gallo', offices: ['lavori-pubblici', 'suap'], headOf: [] },
  // The polyvalent front desk (sportello): a desk membership in anagrafe, all of a citizen's cases.
  { kind: 'operator', userId: 'francesca.lombardi', name: 'Francesca Lombardi', offices: ['anagrafe'], headOf: [], desk: true },
];

export const DEMO_ANALYSTS: readonly AnalystPrincipal[] = [{ kind: 'analyst', userId: 'giorgia.conti', name: 'Giorgia Conti' }];

export const DEMO_ADMINS: readonly AdminPrincipal[] = [{ kind: 'admin', userId: 'admin', name: 'Amministratore di sistema' }];

export const DEMO_PRINCIPALS: readonly Principal[] = [...DEMO_CITIZENS, ...DEMO_OPERATORS, ...DEMO_ANALYSTS, ...DEMO_ADMINS];

/** The password of every demo staff user (development and tests only; production seeds nothing). */
export const DEMO_STAFF_PASSWORD = 'sportello-demo';
