/** What office heads read (Italian), outside the templates. */
export const OFFICE_MESSAGES = {
  notHead: 'Le viste dell’ufficio sono riservate ai responsabili degli uffici.',
  unknownOffice: 'Ufficio non valido: scegliere uno degli uffici di cui si è responsabili.',
  unknownPeriod: 'Periodo non valido: scegliere 30, 90 o 365 giorni.',
  unassigned: 'Non assegnate',
  csvHeaders: ['Ufficio', 'Procedimento', 'Codice procedimento', 'Periodo (giorni)', 'Pratiche concluse', 'Giorni medi', 'Giorni 90° percentile'],
  csvFileName: (office: string, days: number) => `tempi-${office}-${days}-giorni.csv`,
} as const;
