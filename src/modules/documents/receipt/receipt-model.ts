import type { CaseRow } from '../../cases';
import type { ProcedureDetail } from '../../catalogue';
import type { AttachmentRow } from '../documents.repository';

const ROME_DATE_TIME = new Intl.DateTimeFormat('it-IT', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Rome',
});
const ROME_DATE = new Intl.DateTimeFormat('it-IT', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Rome' });

export const romeDateTime = (d: Date): string => ROME_DATE_TIME.format(d).replace(',', ' alle ore');

/** A `date` column (pg may hand it as a local-midnight Date or as `YYYY-MM-DD`) as `dd/mm/yyyy`. */
export function calendarDate(value: string | Date): string {
  if (value instanceof Date) return ROME_DATE.format(new Date(Date.UTC(value.getFullYear(), value.getMonth(), value.getDate(), 12)));
  const [y, m, d] = value.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

function size(bytes: number): string {
  if (bytes >= 1_048_576) return `${(bytes / 1_048_576).toFixed(1).replace('.', ',')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} byte`;
}

const CHANNELS: Record<string, string> = { web: 'online, dal portale dei servizi', desk: 'allo sportello', email: 'posta elettronica', pec: 'PEC' };

/** The data of `src/templates/documents/ricevuta/ricevuta.hbs`, formatted for Italian readers. */
export function receiptModel(input: {
  caseRow: CaseRow & { channel?: string };
  procedure: ProcedureDetail;
  attachments: AttachmentRow[];
  protocol: { aoo: string; register: string };
  verification: { code: string; url: string };
  /** The Comune's name, as configured (COMUNE_NAME): the register's owner on the stamp. */
  comune: string;
}): Record<string, unknown> {
  const { caseRow: c, procedure, attachments } = input;
  return {
    comune: input.comune,
    protocollo: {
      numero: c.protocol_number,
      anno: c.protocol_year,
      data: c.protocol_date ? romeDateTime(new Date(c.protocol_date)) : romeDateTime(new Date(c.submitted_at)),
      aoo: input.protocol.aoo,
      registro: input.protocol.register,
    },
    pratica: {
      codice: c.code,
      procedimento: c.procedure_title,
      presentataIl: romeDateTime(new Date(c.submitted_at)),
      canale: CHANNELS[c.channel ?? 'web'] ?? c.channel ?? 'online',
      riferimentoNormativo: procedure.legalBasis ?? '',
    },
    richiedente: { nome: c.citizen_name, codiceFiscale: c.citizen_fiscal_code },
    ufficio: {
      nome: procedure.office.name,
      email: procedure.office.email,
      responsabile: `il responsabile dell'ufficio ${procedure.office.name}`,
    },
    termine: { giorni: c.legal_days, data: calendarDate(c.legal_deadline) },
    allegati: attachments.map((a) => ({ nome: a.name, dimensione: size(Number(a.size)), sha256: a.sha256 })),
    verifica: { codice: input.verification.code, url: input.verification.url },
  };
}
