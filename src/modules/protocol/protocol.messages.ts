/** Italian texts operators read: exception messages and field problems. */
export const PROTOCOL_MESSAGES = {
  invalidEntry: 'Registrazione di protocollo non valida',
  invalidAnnulment: 'Richiesta di annullamento non valida',
  invalidQuery: 'Ricerca nel registro di protocollo non valida',
  entryNotFound: (id: string) => `Registrazione di protocollo ${id} non trovata`,
  alreadyAnnulled: (year: number, number: string) =>
    `La registrazione di protocollo n. ${number}/${year} è già stata annullata`,
  field: {
    required: 'campo obbligatorio',
    notText: 'deve essere un testo',
    notObject: 'deve essere un oggetto',
    notArray: 'deve essere un elenco',
    tooLong: (max: number) => `al massimo ${max} caratteri`,
    oneOf: (values: readonly string[]) => `valori ammessi: ${values.join(', ')}`,
    fiscalCode: 'codice fiscale o partita IVA non valido',
    email: 'indirizzo e-mail non valido',
    officeKey: 'chiave di ufficio non valida (minuscole, cifre, "-", "_", ".")',
    caseId: 'identificativo di pratica non valido',
    sha256: 'impronta SHA-256 non valida (64 cifre esadecimali)',
    mediaType: 'tipo MIME non valido',
    size: 'dimensione non valida (intero non negativo, in byte)',
    date: 'data non valida (AAAA-MM-GG)',
    deskIdentification:
      "allo sportello va indicato come è stata identificata la persona (art. 38 DPR 445/2000)",
    onlyAtDesk: 'ammesso solo per le registrazioni allo sportello',
    tooMany: (max: number) => `al massimo ${max} elementi`,
    year: 'anno non valido',
    number: 'numero di protocollo non valido',
  },
} as const;
