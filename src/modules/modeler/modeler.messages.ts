/** What analysts read in the modeler's API answers (Italian). */
export const MODELER_MESSAGES = {
  badKey: (key: string) => `La chiave "${key}" non è valida: usa lettere minuscole, cifre e trattini (es. certificato-residenza).`,
  procedureNotFound: (key: string) => `Il procedimento "${key}" non esiste né come file né come bozza.`,
  formNotFound: (key: string) => `Il modulo "${key}" non esiste né come file né come bozza.`,
  xmlRequired: 'Il campo xml deve contenere il diagramma BPMN.',
  schemaRequired: 'Il campo schema deve contenere lo schema form-js (un oggetto JSON).',
  analystsOnly: 'Il modeler è riservato agli analisti.',
  keyTaken: (key: string) => `La chiave "${key}" è già usata: scegline un'altra.`,
  titleRequired: 'Il campo titolo è obbligatorio (massimo 200 caratteri).',
  officeUnknown: (key: string) => `L'ufficio "${key}" non è tra gli uffici del Comune.`,
  noDraft: (key: string) => `Il procedimento "${key}" non ha una bozza da pubblicare: salva prima la bozza.`,
  publishBlocked: (n: number) => (n === 1 ? 'La bozza ha 1 problema: correggilo prima di pubblicare.' : `La bozza ha ${n} problemi: correggili prima di pubblicare.`),
  stalePublish: (seen: string, now: string) => `Il confronto era con la versione ${seen}, ma ora è in vigore la versione ${now}: rileggi le differenze e pubblica di nuovo.`,
  baseVersionInvalid: 'Il campo baseVersion deve essere il numero della versione confrontata, o null per un procedimento nuovo.',
  renamePublished: (key: string) => `Il modulo "${key}" è già pubblicato e usato da procedimenti: duplicalo con il nuovo nome invece di rinominarlo.`,
} as const;

/** The texts of a new procedure's first draft and its forms (the analyst edits them in the modeler). */
export const MODELER_TEMPLATE = {
  category: 'Da definire',
  legalBasis: 'Da definire',
  startName: 'Domanda presentata',
  startMessage: 'La domanda è stata inviata.',
  reviewName: 'Istruttoria',
  reviewMessage: "L'ufficio ha preso in carico la domanda.",
  endName: 'Procedimento concluso',
  endMessage: 'Il procedimento è concluso.',
  applicant: 'Dati del richiedente',
  firstName: 'Nome',
  lastName: 'Cognome',
  fiscalCode: 'Codice fiscale',
  email: 'Indirizzo e-mail',
  description: 'Descrizione della richiesta',
  note: 'Nota istruttoria',
} as const;
