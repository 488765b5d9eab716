/** Italian texts citizens and operators read: exception messages and field problems. */
export const DOCUMENTS_MESSAGES = {
  tooLarge: (field: string, maxBytes: number) =>
    `Il file per il campo «${field}» supera la dimensione massima di ${formatBytes(maxBytes)}.`,
  emptyFile: (field: string) => `Il file per il campo «${field}» è vuoto.`,
  typeNotAllowed: (field: string) =>
    `Il file per il campo «${field}» non è di un tipo ammesso: si possono caricare solo documenti PDF e immagini PNG o JPEG.`,
  typeMismatch: (field: string, detected: string) =>
    `Il contenuto del file per il campo «${field}» non corrisponde al nome o al tipo dichiarato (il contenuto è ${detected}).`,
  tooManyForField: (field: string, max: number) =>
    `Per il campo «${field}» si possono caricare al massimo ${max} file.`,
  tooManyPending: (max: number) => `Si possono avere al massimo ${max} file caricati e non ancora inviati.`,
  pendingBytes: (field: string, maxBytes: number) =>
    `Il file per il campo «${field}» non può essere caricato: i file non ancora inviati supererebbero ${formatBytes(maxBytes)} in tutto.`,
  fieldRequired: 'Indicare il campo del modulo a cui si riferisce il file.',
  fieldInvalid: 'Nome di campo non valido.',
  fileRequired: 'Allegare un file nel campo «file».',
  fileNameInvalid: 'Nome del file non valido.',
  notFound: 'Documento non trovato.',
  invalidAttachments: 'Gli allegati indicati non sono validi: correggere i campi segnalati.',
  attachmentUnknown: 'Il file indicato non risulta caricato: caricarlo di nuovo.',
  attachmentOtherField: 'Il file indicato è stato caricato per un altro campo.',
  attachmentAlreadyFiled: 'Il file indicato è già stato inviato con un’altra domanda: caricarlo di nuovo.',
  attachmentNotAccepted: (accept: string) => `Il tipo del file non è tra quelli ammessi per questo campo (${accept}).`,
  receiptNotReady: 'La ricevuta non è ancora disponibile: la domanda non ha ancora un numero di protocollo.',
  verificationNotFound: 'Nessun documento corrisponde al codice di verifica indicato.',
  actNoCase: 'Un atto si emette solo nell’ambito di una pratica (caseId mancante)',
  actTemplate: 'Il modello dell’atto va indicato come «procedimento/nome» e deve esistere in src/templates/documents',
  actNoProtocol: 'Il protocollo in uscita dell’atto non ha ancora un numero',
  // Task acts: residence certificates and their sources
  actAnprCheck: 'La verifica ANPR di un atto può essere solo «residenza»',
  anprNotFound: 'ANPR: il richiedente non risulta nell’anagrafe nazionale; il certificato non è stato emesso',
  anprDeceased: (date: string) => `ANPR: il soggetto risulta deceduto dal ${date}; il certificato non è stato emesso`,
  anprEmigrated: (date: string, to: string) => `ANPR: il soggetto risulta emigrato (${to}) dal ${date}; il certificato non è stato emesso`,
  sourceAnpr: (at: string, operation: string) =>
    `Dati anagrafici attestati dall’Anagrafe Nazionale della Popolazione Residente (ANPR), accertamento di residenza del ${at}, operazione n. ${operation}.`,
  sourceOperator: (at: string, office: string, checked: boolean) =>
    `ANPR non ha risposto il ${at}: i dati sono quelli verificati dall’operatore dell’ufficio ${office} durante l’istruttoria${checked ? ', che ha dichiarato di aver eseguito la verifica in ANPR' : ''}.`,
  bolloDue: 'Imposta di bollo di € 16,00 dovuta (D.P.R. 26 ottobre 1972, n. 642, Tariffa, parte I, art. 4).',
  bolloExempt: (reason: string, reference: string) => `Rilasciato in esenzione dall’imposta di bollo per uso ${reason} (${reference}).`,
  /** The exemptions the request form offers (motivoEsenzione), with their legal reference. */
  bolloExemptions: {
    pensione: { reason: 'pensionistico', reference: 'D.P.R. 642/1972, Tabella allegato B, art. 9' },
    scuola: { reason: 'scolastico', reference: 'D.P.R. 642/1972, Tabella allegato B, art. 11' },
    lavoro: { reason: 'di lavoro', reference: 'D.P.R. 642/1972, Tabella allegato B, art. 12' },
    onlus: { reason: 'ONLUS / ente del Terzo settore', reference: 'D.P.R. 642/1972, Tabella allegato B, art. 27-bis; D.Lgs. 117/2017, art. 82, comma 5' },
  } as Record<string, { reason: string; reference: string }>,
  bolloExemptUnstated: 'Esenzione dall’imposta di bollo richiesta senza indicarne il motivo: si applica l’imposta.',
  notForPublicAdministrations:
    'Il presente certificato non può essere prodotto agli organi della pubblica amministrazione o ai privati gestori di pubblici servizi (art. 40, comma 01, D.P.R. 28 dicembre 2000, n. 445).',

} as const;

/** Media types in Italian, for messages. */
export const MEDIA_TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'un documento PDF',
  'image/png': 'un’immagine PNG',
  'image/jpeg': 'un’immagine JPEG',
};

function formatBytes(bytes: number): string {
  if (bytes >= 1_048_576) return `${Number((bytes / 1_048_576).toFixed(1)).toLocaleString('it-IT')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} byte`;
}
