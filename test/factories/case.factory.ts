export interface CertificatoResidenzaRequest {
  richiedente: { nome: string; cognome: string; codiceFiscale: string; email: string };
  [field: string]: unknown;
}

/** A valid start-form submission for certificato-residenza (forms/richiesta-certificato-residenza.form.json). */
export function aCertificatoResidenzaRequest(overrides: Partial<CertificatoResidenzaRequest> = {}): CertificatoResidenzaRequest {
  return {
    richiedente: { nome: 'Mario', cognome: 'Rossi', codiceFiscale: 'RSSMRA80A01H501U', email: 'mario.rossi@example.it' },
    tipoCertificato: 'residenza',
    numeroCopie: 1,
    esenzioneBollo: false,
    modalitaRitiro: 'online',
    dichiarazioneVeridicita: true,
    presaVisionePrivacy: true,
    ...overrides,
  };
}

/** A valid start-form submission for iscrizione-nido (forms/domanda-iscrizione-nido.form.json): `parent` applies for `child`. */
export function aNidoApplication(
  parent: { givenName: string; familyName: string; fiscalCode: string; email?: string },
  child: { nome: string; codiceFiscale: string },
): Record<string, unknown> {
  return {
    richiedente: { nome: parent.givenName, cognome: parent.familyName, codiceFiscale: parent.fiscalCode, email: parent.email ?? 'nessuna@example.it', telefono: '+393331234567' },
    relazioneConBambino: 'genitore',
    bambino: { nome: child.nome, cognome: parent.familyName, codiceFiscale: child.codiceFiscale, dataNascita: '2024-03-15' },
    nidoPreferito: 'girasole',
    frequenza: 'tempo-pieno',
    iseeEuro: 18500.5,
    iseeProtocolloDsu: 'INPS-ISEE-2025-123456789-01',
    disabilitaCertificata: false,
    entrambiGenitoriLavoratori: true,
    fratelliIscritti: false,
    dichiarazioneVeridicita: true,
    presaVisionePrivacy: true,
  };
}

/** A valid start-form submission for occupazione-suolo-pubblico by a private citizen (its required planimetria, attachment ids, is the caller's to add, in `overrides`). */
export function anOccupazioneSuoloApplication(
  citizen: { givenName: string; familyName: string; fiscalCode: string; email?: string },
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    richiedente: { nome: citizen.givenName, cognome: citizen.familyName, codiceFiscale: citizen.fiscalCode, email: citizen.email ?? 'nessuna@example.it' },
    qualitaRichiedente: 'privato',
    occupazione: { indirizzo: 'Via Roma', civico: '12', metriQuadri: 6.5, dataInizio: '2026-06-01', dataFine: '2026-06-03' },
    finalita: 'trasloco',
    limitazioneTransito: true,
    dichiarazioneVeridicita: true,
    presaVisionePrivacy: true,
    ...overrides,
  };
}
