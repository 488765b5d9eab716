/** Italian texts of the ANPR port's errors (operators and the development registry read them). */
export const ANPR_MESSAGES = {
  unavailable: 'ANPR non risponde: riprovare più tardi o usare la verifica dell’operatore.',
  unauthorized: 'ANPR ha rifiutato il voucher PDND.',
  fiscalCode: 'Codice fiscale non valido (16 caratteri con il carattere di controllo corretto).',
  notFound: 'Soggetto non trovato in ANPR.',
  status: 'Stato non valido: residente, deceduto o emigrato.',
  date: 'Data non valida: usare il formato AAAA-MM-GG.',
  required: 'Campo obbligatorio.',
  postalCode: 'CAP non valido: servono 5 cifre.',
  disabled: 'Non trovato',
};
