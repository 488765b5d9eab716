/** Italian texts the citizen reads, in one place. */
export const CASE_MESSAGES = {
  notFound: 'Pratica non trovata',
  invalidRequest: 'Richiesta non valida',
  lookupRateLimited: 'Troppi tentativi di consultazione: riprovare tra qualche minuto',
  procedureRequired: 'indicare il procedimento',
  dataRequired: 'indicare i dati della domanda come oggetto',
  idempotencyKey: "la chiave di idempotenza deve avere da 8 a 128 caratteri tra lettere, cifre, '-' e '_'",
  notRegistrable: 'La domanda non può essere protocollata con i dati indicati',
  idempotencyKeyReused: 'Chiave di idempotenza già usata per una domanda diversa',
  idempotencyKeyReusedField: 'questa chiave è già stata usata per una domanda con dati diversi: usarne una nuova',
} as const;
