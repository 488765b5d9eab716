import type { ResidenceCheck } from '../../anpr';
import { DocumentTemplates } from '../receipt/document-content';
import { actTemplateFile } from './act-templates';
import { bolloLine, residenceCertificateModel } from './residence-certificate';

const AT = new Date('2026-11-30T09:00:00Z');
const SUBJECT = { name: 'Mario Rossi', fiscalCode: 'RSSMRA80A01H501U' };
const PERSON = { fiscalCode: 'RSSMRA80A01H501U', givenName: 'Mario', familyName: 'Rossi', sex: 'M' as const, birthDate: '1980-01-01', birthPlace: 'Roma (RM)' };
const RESIDENT: ResidenceCheck = {
  outcome: 'resident',
  operationId: 'op-1',
  person: PERSON,
  residence: { street: 'Via Roma', streetNumber: '12', postalCode: '00100', comune: 'Vallefiorita', province: 'RM', since: '2015-06-01' },
  family: [
    { fiscalCode: PERSON.fiscalCode, givenName: 'Mario', familyName: 'Rossi', birthDate: '1980-01-01', relation: 'intestatario scheda' },
    { fiscalCode: 'BNCLRA90E45H501A', givenName: 'Laura', familyName: 'Bianchi', birthDate: '1990-05-05', relation: 'coniuge' },
  ],
};

const render = (model: Record<string, unknown>) =>
  new DocumentTemplates().renderFile('certificato-residenza/certificato', actTemplateFile('certificato-residenza/certificato'), {
    comune: 'Comune di Vallefiorita',
    protocollo: null,
    pratica: { codice: 'CR-1', procedimento: 'Certificato di residenza', protocollo: '0000001/2026' },
    ufficio: 'Ufficio Anagrafe',
    rilasciataIl: '30/11/2026',
    verifica: { codice: 'abc', url: 'http://x/documenti/verifica/abc' },
    ...model,
  });

describe('residence certificate data mapping', () => {
  it('given ANPR answering resident and a contestuale request, when mapped and rendered, then person, address, date, family and ANPR as source are printed', () => {
    // when
    const model = residenceCertificateModel({ kind: 'anpr', check: RESIDENT, at: AT }, { tipoCertificato: 'residenza-stato-famiglia', numeroCopie: 2 }, SUBJECT, 'Ufficio Anagrafe');
    if ('refused' in model) throw new Error('certificate expected');
    const content = render(model);
    // then
    expect(content.title).toBe('Certificato contestuale di residenza e stato di famiglia');
    const rows = Object.fromEntries(content.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'row' ? [[b.label, b.value]] : [])));
    expect(rows).toMatchObject({
      'Cognome e nome': 'Mario Rossi',
      'Nato/a a': 'Roma (RM), 01/01/1980',
      'Residente in': 'Via Roma 12',
      'Comune di residenza': '00100 Vallefiorita (RM)',
      'Residente dal': '01/06/2015',
      coniuge: 'Laura Bianchi, BNCLRA90E45H501A, nato/a il 05/05/1990',
    });
    const text = content.sections.flatMap((s) => s.blocks).map((b) => (b.kind === 'text' ? b.text : '')).join(' ');
    expect(text).toContain('operazione n. op-1');
    expect(text).toContain('Copie richieste: 2');
  });

  it('given ANPR not answering, when mapped, then the operator is the source with the verified address, and no family is claimed', () => {
    const model = residenceCertificateModel({ kind: 'unavailable', at: AT, detail: 'timeout' }, { tipoCertificato: 'residenza-stato-famiglia', verificaAnpr: false, indirizzoVerificato: ' Via Roma 12 ' }, SUBJECT, 'Ufficio Anagrafe');
    if ('refused' in model) throw new Error('certificate expected');
    expect(model.certificato).toMatchObject({ fonte: 'operatore', residenza: { indirizzo: 'Via Roma 12' }, famiglia: [] });
    expect(model.certificato.fonteTesto).toContain('ANPR non ha risposto');
    expect(model.certificato.fonteTesto).not.toContain('dichiarato');
    const rendered = render(model);
    expect(rendered.sections.flatMap((s) => s.blocks).some((b) => b.kind === 'text' && b.text.startsWith('Composizione della famiglia non disponibile'))).toBe(true);
  });

  it('given ANPR answering not found, deceased or emigrated, when mapped, then no certificate and the reason in Italian', () => {
    expect(residenceCertificateModel({ kind: 'anpr', check: { outcome: 'not-found', operationId: 'x' }, at: AT }, {}, SUBJECT, 'A')).toEqual({ refused: expect.stringContaining('non risulta') });
    expect(residenceCertificateModel({ kind: 'anpr', check: { outcome: 'deceased', operationId: 'x', person: PERSON, date: '2026-10-02' }, at: AT }, {}, SUBJECT, 'A')).toEqual({ refused: expect.stringContaining('deceduto dal 02/10/2026') });
    expect(residenceCertificateModel({ kind: 'anpr', check: { outcome: 'emigrated', operationId: 'x', person: PERSON, date: '2024-04-30', destination: 'Germania' }, at: AT }, {}, SUBJECT, 'A')).toEqual({
      refused: expect.stringContaining('emigrato (Germania) dal 30/04/2024'),
    });
  });

  it('given the bollo choices, when mapped, then the tax is due unless an exemption with a known reason is asked for, which names its legal reference', () => {
    expect(bolloLine({})).toContain('€ 16,00 dovuta');
    expect(bolloLine({ esenzioneBollo: true, motivoEsenzione: 'onlus' })).toContain('art. 27-bis');
    expect(bolloLine({ esenzioneBollo: true, motivoEsenzione: 'pensione' })).toContain('Tabella allegato B, art. 9');
    expect(bolloLine({ esenzioneBollo: true })).toContain('senza indicarne il motivo');
    expect(bolloLine({ esenzioneBollo: false, motivoEsenzione: 'scuola' })).toContain('dovuta');
  });
});

describe('other act templates', () => {
  const base = { comune: 'Comune di Vallefiorita', protocollo: { numero: '0000009', anno: 2026, data: '30/11/2026', aoo: 'AOO', registro: 'REG' }, richiedente: { nome: 'Mario Rossi', codiceFiscale: 'RSSMRA80A01H501U' }, pratica: { codice: 'N-1', procedimento: 'Iscrizione al nido', protocollo: '1/2026' }, ufficio: 'Servizi educativi', rilasciataIl: 'oggi', verifica: { codice: 'c', url: 'u' } };
  const rendered = (name: string, dati: Record<string, unknown>) => new DocumentTemplates().renderFile(`atti/${name}`, actTemplateFile(`atti/${name}`), { ...base, dati });
  const texts = (c: ReturnType<typeof rendered>) => c.sections.flatMap((s) => s.blocks).map((b) => (b.kind === 'text' ? b.text : `${b.label}: ${b.value}`));

  it('given the decision, the 10-bis reasons and the integration request, when rendered, then each act carries its own text, stamp and legal basis', () => {
    const rigetto = rendered('rigetto', { motivazione: 'ISEE oltre la soglia' });
    expect(rigetto.title).toBe('Provvedimento di rigetto della domanda');
    expect(rigetto.stamp).toContain('Protocollo n. 0000009/2026');
    expect(texts(rigetto)).toContain('ISEE oltre la soglia');
    const preavviso = rendered('preavviso-rigetto', { motiviOstativi: 'Manca la residenza' });
    expect(texts(preavviso).join(' ')).toContain('art. 10-bis');
    expect(texts(preavviso)).toContain('Manca la residenza');
    const integrazione = rendered('richiesta-integrazione', { richiestaIntegrazione: 'Allegare il certificato vaccinale' });
    expect(texts(integrazione)).toContain('Allegare il certificato vaccinale');
    expect(texts(integrazione).join(' ')).toContain('art. 2, comma 7');
  });
});
