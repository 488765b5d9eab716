/**
 * What citizens read when a submission is refused, one sentence per rule. The rules follow
 * form-js 1.23 (`Validator`), whose English messages these translate; the type and option
 * messages are the server's own, for values the browser form can never produce.
 */
export const FORMS_MESSAGES = {
  notAnObject: 'I dati del modulo devono essere un oggetto.',
  required: 'Campo obbligatorio.',
  pattern: (pattern: string) => `Il valore non rispetta il formato richiesto (${pattern}).`,
  min: (min: string) => `Il valore minimo ammesso è ${min}.`,
  max: (max: string) => `Il valore massimo ammesso è ${max}.`,
  minInvalid: 'Il valore non può essere confrontato con il minimo previsto.',
  maxInvalid: 'Il valore non può essere confrontato con il massimo previsto.',
  minLength: (length: string) => `Inserire almeno ${length} caratteri.`,
  maxLength: (length: string) => `Inserire al massimo ${length} caratteri.`,
  email: 'Inserire un indirizzo email valido.',
  phone: 'Inserire un numero di telefono internazionale valido (es. +393331234567).',
  integer: 'Il valore deve essere un numero intero.',
  decimalDigits: (digits: number) =>
    digits === 1 ? 'Il valore può avere al massimo 1 cifra decimale.' : `Il valore può avere al massimo ${digits} cifre decimali.`,
  increment: (previous: string, next: string) =>
    `Valore non ammesso: i due valori validi più vicini sono ${previous} e ${next}.`,
  notText: 'Il valore deve essere un testo.',
  notNumber: 'Il valore deve essere un numero.',
  notBoolean: 'Il valore deve essere vero o falso.',
  notList: 'Il valore deve essere un elenco di opzioni.',
  notOption: 'Il valore non è tra le opzioni ammesse.',
  notDate: 'Data non valida: usare il formato AAAA-MM-GG.',
  notTime: 'Ora non valida: usare il formato HH:MM.',
  notDateTime: 'Data e ora non valide: usare il formato AAAA-MM-GGTHH:MM.',
  notFileReference: 'Riferimento al file caricato non valido.',
  fileNotUploaded: 'Il file non è stato ancora caricato: caricarlo prima di inviare la domanda.',
  duplicateFile: 'Lo stesso file è indicato più volte.',
  singleFile: 'Per questo campo si può allegare un solo file.',
  notGroup: 'Il gruppo di campi deve essere un oggetto.',
  notRepeatingList: 'Il valore deve essere un elenco di elementi.',
  notRepeatingItem: "Ogni elemento dell'elenco deve essere un oggetto.",
  invalidSubmission: 'I dati inviati non sono validi: correggere i campi indicati.',
} as const;

/** Codes of field errors, stable for clients that map them to their own texts. */
export type FormErrorCode =
  | 'required'
  | 'pattern'
  | 'min'
  | 'max'
  | 'min-invalid'
  | 'max-invalid'
  | 'min-length'
  | 'max-length'
  | 'email'
  | 'phone'
  | 'decimal-digits'
  | 'increment'
  | 'type'
  | 'option';
