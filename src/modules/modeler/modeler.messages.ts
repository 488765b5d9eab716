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
  zipRequired: 'Il campo content deve contenere il file zip della procedura, codificato in base64.',
  importInvalid: (n: number) => (n === 1 ? "Lo zip ha 1 problema: nulla è stato importato." : `Lo zip ha ${n} problemi: nulla è stato importato.`),
  officeMissing: (key: string) => `L'ufficio "${key}" non esiste in questo Comune: aggiungilo a processes/offices.json prima di importare.`,
  // Dry run (task dryrun).
  dryRunBlocked: (n: number) => (n === 1 ? 'La bozza ha 1 problema: correggilo prima della prova.' : `La bozza ha ${n} problemi: correggili prima della prova.`),
  dryRunActions: 'Il campo actions deve essere un elenco di passi: il primo avvia la prova (start), i successivi completano un\'attività (complete) o fanno scattare un timer (timer).',
  dryRunFirstStart: 'Il primo passo deve essere l\'avvio (start), e solo il primo.',
  dryRunElement: 'Indica l\'elemento del diagramma (elementId) del passo.',
  dryRunData: 'I dati del passo devono essere un oggetto JSON.',
  dryRunNotWaiting: (id: string) => `L'elemento "${id}" non è in attesa a questo punto della prova.`,
  dryRunNotTimer: (id: string) => `L'elemento "${id}" non è un timer in attesa.`,
  dryRunEnded: 'La prova è già arrivata alla fine: nessun altro passo è possibile.',
  dryRunTooMany: (max: number) => `Una prova ha al massimo ${max} passi.`,
  dryRunNoStart: 'Il diagramma non ha un evento di inizio.',
  zip: {
    notAZip: (detail: string) => `Il file non è uno zip leggibile (${detail}).`,
    tooLarge: 'Lo zip contiene troppi file o è troppo grande per una procedura.',
    secondDiagram: (first: string) => `Lo zip contiene già il diagramma ${first}: una procedura per zip.`,
    notJsonObject: 'Il modulo non è un oggetto JSON.',
    badOffices: 'Il file deve essere un elenco JSON di uffici con una chiave (key).',
    unexpectedFile: 'File non previsto: lo zip contiene processes/<chiave>.bpmn, forms/*.form.json, processes/offices.json.',
    noDiagram: 'Lo zip non contiene un diagramma processes/<chiave>.bpmn.',
  },
} as const;

/** The values a dry run proposes for text, e-mail and phone fields (the analyst edits them before each step). */
export const DRY_RUN_SAMPLES = {
  text: 'Testo di prova',
  email: 'prova@example.it',
  phone: '+393331234567',
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
