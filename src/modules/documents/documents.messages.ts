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
