/** What staff read on the login pages (Italian). */
export const STAFF_LOGIN_MESSAGES = {
  title: 'Accesso del personale',
  codeTitle: 'Codice di verifica',
  enrolTitle: 'Attiva la verifica in due passaggi',
  missingCredentials: 'Inserire nome utente e password.',
  loginFailed: 'Nome utente o password non corretti.',
  accountLocked: 'Account bloccato temporaneamente dopo troppi tentativi non riusciti. Riprovare più tardi.',
  rateLimited: 'Troppi tentativi di accesso da questo indirizzo. Riprovare tra qualche minuto.',
  codeWrong: 'Codice non valido o già usato. Inserire il codice di 6 cifre mostrato ora dall\u2019app di autenticazione.',
  noPending: 'La sessione di accesso è scaduta: inserire di nuovo nome utente e password.',
  qrAlt: "Codice QR da inquadrare con l'app di autenticazione",
  // task idp: forced change of a temporary password
  changeTitle: 'Scegli la tua password',
  oidcNotConfigured: 'L\u2019accesso con l\u2019account del Comune non è attivo.',
  oidcUnavailable: 'Il servizio di accesso del Comune non risponde. Riprovare più tardi o accedere con nome utente e password.',
  oidcFailed: 'Accesso con l\u2019account del Comune non riuscito. Riprovare.',
  oidcUnknownUser: 'L\u2019utente con cui si è entrati presso il Comune non corrisponde ad alcun account attivo del personale di questo servizio. Rivolgersi all\u2019amministratore.',
  changeInvalid: 'La nuova password non è stata accettata: correggere i campi indicati.',
} as const;
