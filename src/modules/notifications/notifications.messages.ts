/** Italian texts operators read: exception messages and field problems. */
export const NOTIFICATIONS_MESSAGES = {
  invalidEmail: 'Notifica e-mail non valida',
  templateMissing: (file: string) => `Modello di e-mail mancante: ${file}`,
  templateFailed: (template: string) => `Impossibile comporre l'e-mail dal modello ${template}`,
  /** Parts of App IO messages that are no template: the documents' links. */
  io: {
    documentsHeading: 'Documenti',
    document: (title: string) => `${title}: verifica l'autenticità`,
  },
  field: {
    required: 'campo obbligatorio',
    notText: 'deve essere un testo',
    notObject: 'deve essere un oggetto',
    tooLong: (max: number) => `al massimo ${max} caratteri`,
    oneOf: (values: readonly string[]) => `valori ammessi: ${values.join(', ')}`,
    email: 'indirizzo e-mail non valido',
    procedureKey: 'chiave di procedimento non valida (minuscole, cifre e "-")',
    url: 'deve essere un indirizzo http:// o https://',
    singleLine: 'non può contenere a capo',
    fiscalCode: 'codice fiscale non valido (16 caratteri, maiuscole e cifre)',
  },
} as const;
