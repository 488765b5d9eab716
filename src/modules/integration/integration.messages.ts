/** Italian texts API clients read (problem+json detail and field errors). */
export const INTEGRATION_MESSAGES = {
  badQuery: 'Parametri della richiesta non validi',
  cursor: 'cursore non valido: usare il valore di `next` di una risposta precedente',
  limit: 'un intero tra 1 e 500',
  types: 'tipi di evento ammessi: ',
} as const;
