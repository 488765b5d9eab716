/** What citizens and operators read from this module (problem+json detail). */
export const CATALOGUE_MESSAGES = {
  procedureNotFound: (key: string) => `Procedimento "${key}" non trovato nel catalogo`,
  catalogueInvalid: (count: number) => `Il catalogo dei procedimenti contiene ${count} ${count === 1 ? 'errore' : 'errori'}; nulla è stato pubblicato`,
  formNotFound: (key: string) => `Modulo "${key}" non trovato nel catalogo`,
  badFilter: 'Filtri di ricerca non validi',
  filterNotText: 'deve comparire una sola volta come testo',
  formVersion: 'un numero intero positivo',
  filterTooLong: (max: number) => `deve essere lungo al massimo ${max} caratteri`,
} as const;
