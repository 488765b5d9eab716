/** What citizens read about logging in (Italian). */
export const CITIZEN_AUTH_MESSAGES = {
  unknownProvider: 'Il gestore di identità scelto non è disponibile.',
  badLevel: 'Il livello di sicurezza richiesto non è valido: usare 1, 2 o 3.',
  loginFailed: "Accesso non riuscito: la risposta del gestore di identità non è valida o è scaduta. Riprovare dall'inizio.",
  noPendingLogin: "Nessun accesso in corso in questa sessione: riprovare dall'inizio.",
  badIdentity: "Il gestore di identità non ha fornito un'identità valida (codice fiscale, nome e cognome).",
  levelTooLow: 'Il livello di sicurezza ottenuto è inferiore a quello richiesto.',
  rateLimited: 'Troppi tentativi di accesso da questo indirizzo. Riprovare tra qualche minuto.',
  providerUnavailable: 'Il gestore di identità non risponde. Riprovare tra qualche minuto.',
  devIdpUnknownCitizen: 'Scegliere una delle identità di prova.',
  devIdpBadLevel: 'Scegliere il livello 1, 2 o 3.',
  devIdpUnknownStaff: 'Scegliere uno degli utenti di prova del Comune.',
  devIdpStaffTitle: 'Accesso del personale presso il Comune (sviluppo)',
  devIdpExpired: "La richiesta di accesso è scaduta: tornare al sito e riprovare.",
} as const;
