import type { ResidenceCheck } from '../../anpr';
import { DOCUMENTS_MESSAGES as M } from '../documents.messages';
import { romeDateTime } from '../receipt/receipt-model';

/** What ANPR said for the act, or that it did not answer (then the operator's check stands). */
export type ResidenceSource = { kind: 'anpr'; check: ResidenceCheck; at: Date } | { kind: 'unavailable'; at: Date; detail: string };

export interface CertificateSubject {
  name: string;
  fiscalCode: string;
}

/** The `certificato` object the certificato-residenza templates read. */
export interface ResidenceCertificateModel {
  fonte: 'anpr' | 'operatore';
  fonteTesto: string;
  persona: { nome: string; codiceFiscale: string; nascita: string; sesso: string };
  residenza: { indirizzo: string; comune: string; dal: string };
  statoFamiglia: boolean;
  famiglia: Array<{ nome: string; codiceFiscale: string; nascita: string; relazione: string }>;
  copie: number;
  bollo: string;
  avvertenza: string;
}

const itDate = (iso: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso);
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** The bollo line: exemption with its legal reference when asked for with a known reason, else the tax due. */
export function bolloLine(data: Record<string, unknown>): string {
  if (data.esenzioneBollo !== true) return M.bolloDue;
  const exemption = M.bolloExemptions[str(data.motivoEsenzione)];
  return exemption ? M.bolloExempt(exemption.reason, exemption.reference) : `${M.bolloExemptUnstated} ${M.bolloDue}`;
}

/**
 * The certificate's data: from ANPR when it answered that the applicant resides; from the
 * operator's istruttoria when ANPR did not answer (the act says which). When ANPR answered that
 * the applicant does not reside, there is no certificate: `{ refused }` says why.
 */
export function residenceCertificateModel(source: ResidenceSource, data: Record<string, unknown>, subject: CertificateSubject, office: string): { certificato: ResidenceCertificateModel } | { refused: string } {
  const statoFamiglia = str(data.tipoCertificato) === 'residenza-stato-famiglia';
  const copie = typeof data.numeroCopie === 'number' && data.numeroCopie > 0 ? data.numeroCopie : 1;
  const common = { statoFamiglia, copie, bollo: bolloLine(data), avvertenza: M.notForPublicAdministrations };
  if (source.kind === 'unavailable') {
    return {
      certificato: {
        ...common,
        fonte: 'operatore',
        fonteTesto: M.sourceOperator(romeDateTime(source.at), office, data.verificaAnpr === true),
        persona: { nome: subject.name, codiceFiscale: subject.fiscalCode, nascita: '', sesso: '' },
        residenza: { indirizzo: str(data.indirizzoVerificato), comune: '', dal: '' },
        famiglia: [],
      },
    };
  }
  const check = source.check;
  if (check.outcome === 'not-found') return { refused: M.anprNotFound };
  if (check.outcome === 'deceased') return { refused: M.anprDeceased(itDate(check.date)) };
  if (check.outcome === 'emigrated') return { refused: M.anprEmigrated(itDate(check.date), check.destination) };
  const p = check.person;
  const r = check.residence;
  return {
    certificato: {
      ...common,
      fonte: 'anpr',
      fonteTesto: M.sourceAnpr(romeDateTime(source.at), check.operationId),
      persona: { nome: `${p.givenName} ${p.familyName}`, codiceFiscale: p.fiscalCode, nascita: `${p.birthPlace}, ${itDate(p.birthDate)}`, sesso: p.sex },
      residenza: { indirizzo: `${r.street} ${r.streetNumber}`.trim(), comune: `${r.postalCode} ${r.comune} (${r.province})`, dal: itDate(r.since) },
      famiglia: statoFamiglia ? check.family.map((m) => ({ nome: `${m.givenName} ${m.familyName}`, codiceFiscale: m.fiscalCode, nascita: itDate(m.birthDate), relazione: m.relation })) : [],
    },
  };
}
