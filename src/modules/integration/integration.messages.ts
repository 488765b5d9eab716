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

export const WEBHOOK_MESSAGES = {
  invalid: 'Dati della sottoscrizione non validi',
  urlNotAllowed: 'Indirizzo del destinatario non ammesso',
  url: {
    'not-url': 'non è un indirizzo valido',
    'not-http': 'deve iniziare con https:// o http://',
    credentials: 'non può contenere credenziali',
    unresolvable: 'il nome non si risolve in un indirizzo',
    private: 'punta a una rete locale o privata, non ammessa in questa configurazione',
  } as Record<string, string>,
  types: 'uno o più tra: ',
  status: 'valori ammessi: pending, delivered, parked',
  subscriptionNotFound: 'Sottoscrizione non trovata',
  deliveryNotFound: 'Consegna non trovata',
} as const;
