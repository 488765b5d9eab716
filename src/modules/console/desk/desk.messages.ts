import type { FiscalCodeProblem } from '../../../common';

/** What front-desk operators read (Italian), outside the templates. */
export const DESK_MESSAGES = {
  searchEmpty: 'Inserire un codice fiscale oppure almeno due lettere del nome o del cognome.',
  searchTooLong: 'La ricerca può contenere al massimo 80 caratteri.',
  fiscalCode: {
    length: 'Il codice fiscale deve contenere 16 caratteri.',
    format: 'Il codice fiscale non ha un formato valido.',
    'check-char': 'Il codice fiscale non è corretto: il carattere di controllo non corrisponde.',
    'birth-date': 'Il codice fiscale contiene una data di nascita non valida.',
  } satisfies Record<FiscalCodeProblem, string>,
  citizenNotFound: 'Codice fiscale non valido.',
  caseNotFound: 'Pratica non trovata tra quelle del cittadino visibili al suo ufficio.',
  documentNotFound: 'Documento non trovato tra quelli del cittadino visibili al suo ufficio.',
  procedureNotAllowed: 'Il procedimento non è gestito dai suoi uffici: solo lo sportello polivalente presenta domande per ogni ufficio.',
  identificationRequired: "Indicare come è stato identificato il richiedente.",
  idDocumentTypeRequired: "Indicare il tipo di documento d'identità.",
  idDocumentNumberRequired: "Indicare il numero del documento d'identità (da 3 a 40 caratteri: lettere, cifre, spazi o trattini).",
  delegateNameRequired: 'Indicare nome e cognome della persona delegata.',
  delegateFiscalCode: 'Indicare un codice fiscale valido della persona delegata.',
  delegaRequired: 'Allegare la delega firmata (PDF, PNG o JPEG).',
  applicantNamesRequired: 'Indicare nome e cognome del richiedente nella domanda.',
  withdrawalReasonRequired: 'Indicare il motivo del ritiro (al massimo 1000 caratteri).',
  channelLabels: { web: 'Online', desk: 'Sportello', api: 'Servizio' } as Record<string, string>,
  identificationLabels: {
    'signed-before-employee': "Sottoscrizione davanti al dipendente addetto",
    'id-copy-attached': "Copia del documento d'identità allegata",
  } as Record<string, string>,
  idDocumentLabels: { 'carta-identita': "Carta d'identità", passaporto: 'Passaporto', patente: 'Patente di guida', altro: 'Altro documento' } as Record<string, string>,
} as const;
