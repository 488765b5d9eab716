/** What citizens, operators and API clients read about payments (Italian). */
export const PAYMENTS_MESSAGES = {
  transfersDoNotSum: 'La somma dei trasferimenti non corrisponde all’importo della posizione',
  dueBeforeValidity: 'La data di scadenza precede la data di validità',
  amountNotPositive: 'L’importo deve essere un numero intero positivo di centesimi',
  invalidIuv: 'Lo IUV non è valido (17 cifre con cifre di controllo corrette)',
  invalidNav: 'Il numero avviso non è valido (18 cifre con cifre di controllo corrette)',
  invalidTransfers: 'Una posizione ha da 1 a 5 trasferimenti, numerati da "1" a "5", ciascuno con IBAN o marca da bollo',
  invalidField: 'Valore non valido',
  remittanceTooLong: 'La causale supera i 140 caratteri',
  positionNotFound: 'Posizione debitoria non trovata',
  positionExists: 'Esiste già una posizione debitoria con questo IUPD o IUV',
  positionStateConflict: 'Operazione non consentita nello stato attuale della posizione',
  noticeNotFound: 'Avviso di pagamento non trovato',
  noticeNotPayable: 'L’avviso non è pagabile (già pagato, scaduto o annullato)',
  receiptNotFound: 'Ricevuta non trovata',
  cartSize: 'Un carrello contiene da 1 a 5 avvisi',
  cartNotFound: 'Carrello non trovato',
  unauthorized: 'Chiave di sottoscrizione pagoPA mancante o errata',
  unavailable: 'Il servizio pagoPA non è al momento raggiungibile. Riprovare più tardi.',
  checkoutTitle: 'Pagamento pagoPA (ambiente di sviluppo)',
  checkoutPay: 'Paga',
  checkoutCancel: 'Annulla',
  checkoutError: 'Simula un errore',
} as const;

/** How a case payment's state reads to citizens and operators. */
export const PAYMENT_STATUS_LABELS = {
  pending: 'In attesa',
  published: 'Da pagare',
  paid: 'Pagato',
  failed: 'Non disponibile: contattare l’ufficio',
} as const;

export const PAYMENT_TASK_MESSAGES = {
  noCase: 'Il pagamento si chiede solo nell’ambito di una pratica (caseId mancante)',
  noAmount: 'Importo non indicato: il procedimento non ha la proprietà "fee" e il task non indica "amountField"',
  badAmount: 'L’importo deve essere un numero intero positivo di centesimi',
  badDueDays: 'dueDays deve essere un numero intero di giorni tra 1 e 365',
  badStamp: 'Per la marca da bollo servono stampCents (centesimi) e stampProvince (sigla della provincia)',
  stampRemittance: 'Imposta di bollo',
  tooManyNotices: 'Si possono pagare da 1 a 5 avvisi insieme',
  notYours: 'L’avviso non è tra i pagamenti dovuti del cittadino o non è pagabile',
} as const;

/**
 * The portal's Pagamenti tab after "Paga con pagoPA": the payer's return from Checkout (ok,
 * annullato, errore) and the refusals of a cart. `ok: false` notices are shown on the notices'
 * fieldset (role=alert); the others as a status.
 */
export const PAYMENT_PAGE_NOTICES = {
  ok: { ok: true, text: 'Pagamento eseguito. La ricevuta è registrata sulla pratica e la pratica prosegue.' },
  annullato: { ok: false, text: 'Pagamento annullato: nessun addebito. Può riprovare quando vuole.' },
  errore: { ok: false, text: 'Il pagamento non è andato a buon fine: nessun addebito. Riprovare più tardi.' },
  'nessun-avviso': { ok: false, text: 'Selezionare almeno un avviso da pagare.' },
  'troppi-avvisi': { ok: false, text: 'Si possono pagare insieme al massimo 5 avvisi.' },
  'non-pagabile': { ok: false, text: 'Uno degli avvisi scelti non è più pagabile (già pagato, scaduto o non suo). Aggiornare la pagina e riprovare.' },
  'servizio-non-disponibile': { ok: false, text: 'Il servizio pagoPA non è al momento raggiungibile. Riprovare più tardi.' },
} as const;
export type PaymentPageNotice = keyof typeof PAYMENT_PAGE_NOTICES;
