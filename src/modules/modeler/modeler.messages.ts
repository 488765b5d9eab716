/** What analysts read in the modeler's API answers (Italian). */
export const MODELER_MESSAGES = {
  badKey: (key: string) => `La chiave "${key}" non è valida: usa lettere minuscole, cifre e trattini (es. certificato-residenza).`,
  procedureNotFound: (key: string) => `Il procedimento "${key}" non esiste né come file né come bozza.`,
  formNotFound: (key: string) => `Il modulo "${key}" non esiste né come file né come bozza.`,
  xmlRequired: 'Il campo xml deve contenere il diagramma BPMN.',
  schemaRequired: 'Il campo schema deve contenere lo schema form-js (un oggetto JSON).',
  analystsOnly: 'Il modeler è riservato agli analisti.',
} as const;
