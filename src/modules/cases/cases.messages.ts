/** Italian texts the citizen reads, in one place. */
export const CASE_MESSAGES = {
  notFound: 'Pratica non trovata',
  invalidRequest: 'Richiesta non valida',
  lookupRateLimited: 'Troppi tentativi di consultazione: riprovare tra qualche minuto',
  procedureRequired: 'indicare il procedimento',
  dataRequired: 'indicare i dati della domanda come oggetto',
  idempotencyKey: "la chiave di idempotenza deve avere da 8 a 128 caratteri tra lettere, cifre, '-' e '_'",
  notWithdrawable: {
    outcome: "La pratica non può essere ritirata: l'ufficio ha già adottato il provvedimento finale",
    withdrawn: 'La pratica è già stata ritirata',
    closed: 'La pratica è conclusa e non può essere ritirata',
  },
  notClosed: 'Si può valutare il servizio quando la pratica è conclusa',
  alreadyRated: 'Ha già valutato questo servizio per questa pratica',
  messageBody: 'scrivere un messaggio da 1 a 4000 caratteri',
  noteBody: 'scrivere una nota da 1 a 4000 caratteri',
  stars: 'indicare un numero intero di stelle da 1 a 5',
  ratingComment: 'il commento può avere al massimo 1000 caratteri',
  withdrawalReason: 'il motivo può avere al massimo 1000 caratteri',
  withdrawalSubject: (title: string, code: string) => `Ritiro dell'istanza «${title}» (pratica ${code})`,
  withdrawalTimeline: "La domanda è stata ritirata dal richiedente. Il ritiro è registrato al protocollo.",
  withdrawalTimelineNumbered: (n: string, year: number) => `La domanda è stata ritirata dal richiedente. Il ritiro è registrato al protocollo con il n. ${n}/${year}.`,
} as const;
