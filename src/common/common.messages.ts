/** Italian texts for errors raised at the HTTP edge. */
export const COMMON_MESSAGES = {
  invalidInput: 'Richiesta non valida',
  forbiddenCharacters: 'contiene caratteri non ammessi',
  repeatedParameter: 'indicare il parametro una sola volta',
  structuredParameter: 'deve essere un valore semplice',
  tooDeep: 'struttura troppo annidata',
  invalidValue: 'Un valore della richiesta non è valido',
} as const;
