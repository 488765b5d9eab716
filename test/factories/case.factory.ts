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
