/** Italian texts API clients read (problem+json detail and field errors). */
export const INTEGRATION_MESSAGES = {
  badQuery: 'Parametri della richiesta non validi',
  cursor: 'cursore non valido: usare il valore di `next` di una risposta precedente',
  limit: 'un intero tra 1 e 500',
  types: 'tipi di evento ammessi: ',
} as const;

export const SERVICE_ACCOUNT_MESSAGES = {
  invalid: 'Dati dell’account di servizio non validi',
  name: 'da 3 a 63 caratteri tra lettere minuscole, cifre e trattini, iniziando con una lettera o una cifra',
  required: 'obbligatorio',
  scopes: 'uno o più tra: ',
  key: 'deve contenere solo lettere minuscole, cifre e trattini',
  notFound: 'Account di servizio non trovato',
  keyNotFound: 'Chiave non trovata',
  nameTaken: 'Esiste già un account di servizio con questo nome',
  tooManyKeys: (max: number) => `L’account ha già ${max} chiavi attive: revocarne una prima di crearne un’altra`,
} as const;
