/** Italian texts administrators read. */
export const AUDIT_MESSAGES = {
  invalidRecord: 'Registrazione di audit non valida',
  invalidQuery: 'Parametri di ricerca non validi',
  action: 'azione nel formato risorsa.verbo (minuscole)',
  resourceType: 'tipo di risorsa non ammesso',
  channel: 'valori ammessi: web, desk, api, system',
  resourceId: 'identificativo non valido (max 200 caratteri)',
} as const;
