/** Italian texts operators and citizens read. */
export const TASK_MESSAGES = {
  notFound: 'Attività non trovata',
  forbidden: "L'attività appartiene a un ufficio di cui non fai parte",
  claimedByOther: (who: string) => `L'attività è già stata presa in carico da ${who}`,
  closed: "L'attività è già stata completata o annullata",
  stale: "L'attività è stata modificata nel frattempo: ricaricare e riprovare",
  invalidQuery: 'Parametri di ricerca non validi',
  notHead: "Solo il responsabile dell'ufficio può assegnare le attività",
  cursor: 'cursore non valido',
  sort: 'valori ammessi: created, due',
  status: 'valori ammessi: open, claimed, unclaimed',
  date: 'data nel formato AAAA-MM-GG',
  limit: 'un intero tra 1 e 100',
  office: "non fai parte di quest'ufficio",
  version: 'un intero tra 0 e 2147483647',
  operator: "indicare l'operatore",
  notOfficeMember: "non è un operatore dell'ufficio dell'attività",
} as const;
