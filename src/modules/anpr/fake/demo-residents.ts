import { DEMO_CITIZENS } from '../../identity';
import type { AnprFamilyMember } from '../anpr.port';
import type { NewSubject } from './fake-anpr.repository';

/**
 * The development registry's seed: the demo citizens (the development identity provider's test
 * citizens), with birth data read from their fiscal codes. Mario Rossi heads a family with Laura
 * Bianchi; Giuseppe Verdi has emigrated (AIRE), so the portal shows every answer of the check.
 * Invented people and addresses: development and tests only.
 */
const COMUNE = { comune: 'Vallefiorita', province: 'RM', postalCode: '00100' };

const byCf = (cf: string) => {
  const c = DEMO_CITIZENS.find((d) => d.fiscalCode === cf);
  if (!c) throw new Error(`demo citizen ${cf} missing`);
  return c;
};

const person = (cf: string, sex: 'M' | 'F', birthDate: string, birthPlace: string) => ({ fiscalCode: cf, givenName: byCf(cf).givenName, familyName: byCf(cf).familyName, sex, birthDate, birthPlace });

const MARIO = person('RSSMRA80A01H501U', 'M', '1980-01-01', 'Roma (RM)');
const LAURA = person('BNCLRA90E45H501A', 'F', '1990-05-05', 'Roma (RM)');
const GIUSEPPE = person('VRDGPP80A01F205X', 'M', '1980-01-01', 'Milano (MI)');
const GIULIA = person('FRRGLI75C52L219B', 'F', '1975-03-12', 'Torino (TO)');
const MARCO = person('RSSMRA85T10A56NH', 'M', '1985-12-10', 'Albano Laziale (RM)');

const member = (p: typeof MARIO, relation: string): AnprFamilyMember => ({ fiscalCode: p.fiscalCode, givenName: p.givenName, familyName: p.familyName, birthDate: p.birthDate, relation });
const ROSSI_BIANCHI = [member(MARIO, 'intestatario scheda'), member(LAURA, 'coniuge')];

export const DEMO_RESIDENTS: readonly NewSubject[] = [
  { fiscal_code: MARIO.fiscalCode, person: MARIO, residence: { street: 'Via Roma', streetNumber: '12', ...COMUNE, since: '2015-06-01' }, family: ROSSI_BIANCHI, status: 'resident' },
  { fiscal_code: LAURA.fiscalCode, person: LAURA, residence: { street: 'Via Roma', streetNumber: '12', ...COMUNE, since: '2019-09-14' }, family: ROSSI_BIANCHI, status: 'resident' },
  { fiscal_code: GIULIA.fiscalCode, person: GIULIA, residence: { street: 'Piazza Garibaldi', streetNumber: '3', ...COMUNE, since: '2002-03-20' }, family: [member(GIULIA, 'intestatario scheda')], status: 'resident' },
  { fiscal_code: MARCO.fiscalCode, person: MARCO, residence: { street: 'Via dei Mille', streetNumber: '45/B', ...COMUNE, since: '2021-01-11' }, family: [member(MARCO, 'intestatario scheda')], status: 'resident' },
  {
    fiscal_code: GIUSEPPE.fiscalCode,
    person: GIUSEPPE,
    residence: { street: 'Via Manzoni', streetNumber: '7', ...COMUNE, since: '2010-02-01' },
    family: [],
    status: 'emigrated',
    status_date: '2024-04-30',
    destination: 'Germania',
  },
];
