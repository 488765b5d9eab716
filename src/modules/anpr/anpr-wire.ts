import type { AnprFamilyMember, AnprPerson, AnprResidence, ResidenceCheck } from './anpr.port';

/**
 * The JSON of the ANPR residence check as it travels over PDND (names as ANPR's e-services use
 * them): the request carries `idOperazioneClient`, `criteriRicerca.codiceFiscale` and
 * `datiRichiesta` (reference date, reason, use case C030); the answer lists the subject with
 * `generalita`, `residenza` and, for the family, `famiglia.componenti`. A deceased or emigrated
 * subject carries `datiDecesso` / `datiEmigrazione`. Unknown subjects are a 404 with `listaErrori`.
 */
export interface AnprWireRequest {
  idOperazioneClient: string;
  criteriRicerca: { codiceFiscale: string };
  datiRichiesta: { dataRiferimentoRichiesta: string; motivoRichiesta: string; casoUso: string };
}

interface WireComune {
  nomeComune: string;
  siglaProvinciaIstat: string;
}

export interface AnprWireSubject {
  generalita: {
    codiceFiscale: { codFiscale: string };
    nome: string;
    cognome: string;
    sesso: 'M' | 'F';
    dataNascita: string;
    luogoNascita: { comune?: WireComune; localita?: { descrizioneLocalita: string } };
  };
  residenza?: Array<{
    indirizzo: { cap: string; comune: WireComune; toponimo: { specie: string; denominazioneToponimo: string }; numeroCivico: { numero: string } };
    dataDecorrenzaResidenza: string;
  }>;
  famiglia?: { componenti: Array<{ codiceFiscale: string; nome: string; cognome: string; dataNascita: string; legameConIntestatario: string }> };
  datiDecesso?: { dataEvento: string };
  datiEmigrazione?: { dataEvento: string; statoEstero: string };
}

export interface AnprWireAnswer {
  idOperazioneANPR: string;
  listaSoggetti: { datiSoggetto: AnprWireSubject[] };
}

export interface AnprWireError {
  idOperazioneANPR?: string;
  listaErrori: Array<{ codiceErroreAnomalia: string; testoErroreAnomalia: string; tipoErroreAnomalia: 'E' | 'W' }>;
}

/** ANPR's code for "no subject with these search criteria". */
export const ANPR_NOT_FOUND_CODE = 'EN122';
export const RESIDENCE_USE_CASE = 'C030';

const splitPlace = (place: string): WireComune => {
  const m = /^(.*) \(([A-Z]{2})\)$/.exec(place);
  return m ? { nomeComune: m[1], siglaProvinciaIstat: m[2] } : { nomeComune: place, siglaProvinciaIstat: '' };
};
const placeOf = (c: WireComune): string => (c.siglaProvinciaIstat ? `${c.nomeComune} (${c.siglaProvinciaIstat})` : c.nomeComune);

/** Splits `Via Roma` into kind and name as ANPR's toponym does. */
function toponym(street: string): { specie: string; denominazioneToponimo: string } {
  const at = street.indexOf(' ');
  return at < 0 ? { specie: '', denominazioneToponimo: street } : { specie: street.slice(0, at), denominazioneToponimo: street.slice(at + 1) };
}

export function subjectToWire(check: Exclude<ResidenceCheck, { outcome: 'not-found' }>): AnprWireSubject {
  const p = check.person;
  const birth = splitPlace(p.birthPlace);
  const subject: AnprWireSubject = {
    generalita: {
      codiceFiscale: { codFiscale: p.fiscalCode },
      nome: p.givenName,
      cognome: p.familyName,
      sesso: p.sex,
      dataNascita: p.birthDate,
      luogoNascita: birth.siglaProvinciaIstat ? { comune: birth } : { localita: { descrizioneLocalita: p.birthPlace } },
    },
  };
  if (check.outcome === 'resident') {
    const r = check.residence;
    subject.residenza = [
      {
        indirizzo: { cap: r.postalCode, comune: { nomeComune: r.comune, siglaProvinciaIstat: r.province }, toponimo: toponym(r.street), numeroCivico: { numero: r.streetNumber } },
        dataDecorrenzaResidenza: r.since,
      },
    ];
    subject.famiglia = {
      componenti: check.family.map((m) => ({ codiceFiscale: m.fiscalCode, nome: m.givenName, cognome: m.familyName, dataNascita: m.birthDate, legameConIntestatario: m.relation })),
    };
  }
  if (check.outcome === 'deceased') subject.datiDecesso = { dataEvento: check.date };
  if (check.outcome === 'emigrated') subject.datiEmigrazione = { dataEvento: check.date, statoEstero: check.destination };
  return subject;
}

/** Reads an ANPR answer; throws (with the missing path) when its shape is not the residence check's. */
export function checkFromWire(answer: AnprWireAnswer): ResidenceCheck {
  const operationId = String(answer.idOperazioneANPR ?? '');
  const subject = answer.listaSoggetti?.datiSoggetto?.[0];
  if (!subject) return { outcome: 'not-found', operationId };
  const g = subject.generalita;
  if (!g?.codiceFiscale?.codFiscale) throw new Error('listaSoggetti.datiSoggetto[0].generalita.codiceFiscale missing');
  const birthPlace = g.luogoNascita?.comune ? placeOf(g.luogoNascita.comune) : (g.luogoNascita?.localita?.descrizioneLocalita ?? '');
  const person: AnprPerson = { fiscalCode: g.codiceFiscale.codFiscale, givenName: g.nome, familyName: g.cognome, sex: g.sesso, birthDate: g.dataNascita, birthPlace };
  if (subject.datiDecesso) return { outcome: 'deceased', operationId, person, date: subject.datiDecesso.dataEvento };
  if (subject.datiEmigrazione) return { outcome: 'emigrated', operationId, person, date: subject.datiEmigrazione.dataEvento, destination: subject.datiEmigrazione.statoEstero };
  const r = subject.residenza?.[0];
  if (!r?.indirizzo) throw new Error('listaSoggetti.datiSoggetto[0].residenza missing');
  const residence: AnprResidence = {
    street: [r.indirizzo.toponimo?.specie, r.indirizzo.toponimo?.denominazioneToponimo].filter(Boolean).join(' '),
    streetNumber: r.indirizzo.numeroCivico?.numero ?? '',
    postalCode: r.indirizzo.cap,
    comune: r.indirizzo.comune.nomeComune,
    province: r.indirizzo.comune.siglaProvinciaIstat,
    since: r.dataDecorrenzaResidenza,
  };
  const family: AnprFamilyMember[] = (subject.famiglia?.componenti ?? []).map((m) => ({ fiscalCode: m.codiceFiscale, givenName: m.nome, familyName: m.cognome, birthDate: m.dataNascita, relation: m.legameConIntestatario }));
  return { outcome: 'resident', operationId, person, residence, family };
}
