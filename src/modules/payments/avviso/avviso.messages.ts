/** Text of the avviso di pagamento PDF (Italian, as the citizen reads it). */
export const AVVISO_TEXT = {
  title: 'Avviso di pagamento pagoPA',
  creditor: 'Ente creditore',
  creditorFiscalCode: 'Codice fiscale ente',
  debtor: 'Destinatario dell’avviso',
  debtorFiscalCode: 'Codice fiscale',
  subject: 'Oggetto del pagamento',
  amount: 'Importo',
  dueDate: 'Da pagare entro il',
  noticeNumber: 'Codice avviso',
  howTo: 'Puoi pagare con l’app IO, sul sito del Comune (area personale, Pagamenti), presso banche, uffici postali, punti vendita SISAL, Lottomatica e Banca 5 e gli altri prestatori aderenti a pagoPA, inquadrando il codice QR o indicando codice avviso e codice fiscale dell’ente.',
  qrCaption: 'Inquadra il codice QR con l’app della tua banca o con l’app IO',
  paid: 'Questo avviso risulta già pagato.',
} as const;
