/** Italian texts for App IO: field problems operators read, and the development IO's pages. */
export const APP_IO_MESSAGES = {
  invalidMessage: 'Messaggio App IO non valido',
  field: {
    required: 'campo obbligatorio',
    notText: 'deve essere un testo',
    length: (min: number, max: number) => `da ${min} a ${max} caratteri`,
    fiscalCode: 'codice fiscale non valido (16 caratteri, maiuscole e cifre)',
    dateTime: 'deve essere una data e ora ISO-8601',
    amount: 'deve essere un importo in centesimi, intero e maggiore di zero',
    noticeNumber: 'deve essere un numero avviso di 18 cifre che inizia per 0, 1, 2 o 3',
    payee: 'deve essere un codice fiscale di 11 cifre',
    flag: 'deve essere vero o falso',
  },
} as const;
