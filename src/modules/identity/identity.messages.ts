import type { FiscalCodeProblem } from '../../common';

/** What callers read (Italian). Codes stay English in identity.exceptions.ts. */
export const IDENTITY_MESSAGES = {
  missingToken: 'Autenticazione richiesta: fornire un token di accesso.',
  invalidToken: 'Token di accesso non valido.',
  expiredToken: 'Token di accesso scaduto: accedere di nuovo.',
  forbidden: 'Operazione non consentita per il proprio profilo.',
  devTokensDisabled: 'Emissione di token di sviluppo disabilitata in questa configurazione.',
  invalidPrincipal: 'Dati del profilo non validi.',
  invalidTtl: 'la durata deve essere un numero intero positivo di secondi',
  required: 'obbligatorio',
  invalidEmail: 'indirizzo e-mail non valido',
  invalidKey: 'deve contenere solo lettere minuscole, cifre e trattini',
  invalidUserId: 'deve contenere solo lettere, cifre, punti, trattini o trattini bassi (max 128)',
  noOffice: 'almeno un ufficio è obbligatorio',
  reservedOffice: '"citizen" è la coda del cittadino, non un ufficio',
  unknownOffice: 'ufficio inesistente',
  membershipsForOperators: 'solo gli operatori appartengono a un ufficio',
  loginFailed: 'Nome utente o password non corretti.',
  accountLocked: 'Troppi tentativi di accesso non riusciti: account bloccato temporaneamente. Riprovare più tardi.',
  unknownKind: 'tipo di profilo sconosciuto',
  userIdTaken: 'esiste già un utente con questo nome utente',
  unknownUser: 'utente inesistente',
  unknownRole: 'ruolo sconosciuto',
  // task idp: the staff user's own password (forced change of a temporary one)
  passwordTooShort: 'la password deve avere almeno 12 caratteri',
  passwordTooLong: 'la password può avere al massimo 128 caratteri',
  passwordTooSimple: 'la password deve contenere almeno tre tra: lettere minuscole, lettere maiuscole, cifre, altri caratteri',
  passwordHasUsername: 'la password non può contenere il nome utente',
  passwordMismatch: 'le due password non coincidono',
  passwordUnchanged: 'la nuova password deve essere diversa da quella temporanea',
  fiscalCode: {
    length: 'il codice fiscale deve avere 16 caratteri',
    format: 'formato del codice fiscale non valido',
    'birth-date': 'data di nascita nel codice fiscale non valida',
    'check-char': 'carattere di controllo del codice fiscale errato',
  } satisfies Record<FiscalCodeProblem, string>,
} as const;
