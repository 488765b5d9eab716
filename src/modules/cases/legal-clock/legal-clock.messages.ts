import { italianDay } from './italian-day';

/** Italian texts of the clock's timeline entries. */
export const LEGAL_CLOCK_MESSAGES = {
  suspended: {
    integrazione: (maxDays: number) =>
      `Il termine del procedimento è sospeso in attesa dell'integrazione richiesta (art. 2, c. 7, L. 241/1990), per non più di ${maxDays} giorni.`,
    'preavviso-rigetto': () =>
      'Il termine del procedimento è sospeso dal preavviso di rigetto (art. 10-bis L. 241/1990) fino a 10 giorni dopo le osservazioni o alla scadenza del termine per presentarle.',
  },
  notSuspended: "Nuova richiesta di integrazione: il termine del procedimento non è sospeso, perché la sospensione è ammessa una sola volta (art. 2, c. 7, L. 241/1990).",
  resumed: (resumesOn: string, deadline: string) =>
    `Il termine del procedimento riprende a decorrere dal ${italianDay(resumesOn)}: la nuova scadenza è il ${italianDay(deadline)}.`,
} as const;
