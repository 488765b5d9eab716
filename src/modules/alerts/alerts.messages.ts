/** Italian texts of topic alerts: problems, page notices. */
export const ALERTS_MESSAGES = {
  invalid: 'Avviso non valido',
  notFound: 'Avviso non trovato',
  topicsFile: (file: string, why: string) => `Elenco degli argomenti non valido (${file}): ${why}`,
  field: {
    required: 'campo obbligatorio',
    notText: 'deve essere un testo',
    topic: 'argomento sconosciuto',
    length: (min: number, max: number) => `da ${min} a ${max} caratteri`,
    channel: 'scegli e-mail o App IO',
    topics: 'argomenti sconosciuti',
    status: 'valori ammessi: pending, sent, failed',
  },
  preferences: {
    saved: 'Preferenze salvate.',
  },
  admin: {
    sent: (n: number) => (n === 1 ? "Avviso accodato per 1 iscritto." : `Avviso accodato per ${n} iscritti.`),
  },
} as const;
