import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ActIssuer, DocumentsService } from '../../../src/modules/documents';
import { EngineService } from '../../../src/modules/engine';
import { ProtocolService } from '../../../src/modules/protocol';
import { fixture } from '../engine/engine-harness';
import { readPdf } from '../../support/pdf-text';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';

const CITIZEN = 'RSSMRA80A01H501U';

describe(`issued acts (documents.render) on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', COMUNE_NAME: 'Comune di Vallefiorita' });
  let t: TestApp;
  let ds: DataSource;
  let engine: EngineService;
  let issuer: ActIssuer;
  let documents: DocumentsService;

  /** A case of the catalogue's occupazione di suolo pubblico, whose outcome step runs the fixture diagram. */
  const newCase = async (processKey: string, data: Record<string, unknown>): Promise<string> => {
    const caseId = randomUUID();
    await ds.query(
      `insert into case_file (id, code, procedure_key, procedure_title, office, citizen_fiscal_code, citizen_name, status, data, submitted_at, legal_days, legal_deadline)
       values ($1, $2, 'occupazione-suolo-pubblico', 'Concessione per occupazione temporanea di suolo pubblico', 'suap', $3, 'Mario Rossi', 'inviata', '{}', now(), 30, current_date + 30)`,
      [caseId, `SP-${caseId.slice(0, 8).toUpperCase()}`, CITIZEN],
    );
    await engine.startProcess(processKey, { caseId, ...data });
    return caseId;
  };
  const decision = {
    richiedente: { nome: 'Mario', cognome: 'Rossi', codiceFiscale: CITIZEN },
    occupazione: { indirizzo: 'Via Roma', civico: '12', metriQuadri: 6.5, dataInizio: '2027-01-10', dataFine: '2027-01-12' },
    finalita: 'trasloco',
    motivazione: 'Pareri favorevoli acquisiti',
    prescrizioniPoliziaLocale: 'Lasciare libero il passaggio pedonale',
    pagamentoRicevuto: { nav: '301202600000000103', importo: 31240 },
  };

  beforeAll(async () => {
    t = await startTestApp(config);
    ds = t.app.get(DataSource);
    engine = t.app.get(EngineService);
    issuer = t.app.get(ActIssuer);
    documents = t.app.get(DocumentsService);
    await engine.deploy('issue-act', fixture('issue-act'));
    await engine.deploy('issue-act-loop', fixture('issue-act-loop'));
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  it('given the outcome step ran, when the issuer passes after the commit, then the concession is a PDF/A stamped with its outbound protocol number, verifiable, and issued once', async () => {
    // given: the step committed with its outbound protocol entry; nothing is rendered inside it
    const caseId = await newCase('issue-act', decision);
    expect(await documents.listForCase(caseId)).toEqual([]);
    const [request] = await ds.query(`select * from act_request where case_id = $1`, [caseId]);
    expect(request).toMatchObject({ status: 'pending', template: 'occupazione-suolo-pubblico/concessione', element_id: 'Act' });
    const entry = await t.app.get(ProtocolService).get(request.protocol_entry_id);
    expect(entry).toMatchObject({ direction: 'out', caseId });
    expect(entry.number).toMatch(/^\d{7}$/);

    // when
    expect(await issuer.issueDue()).toEqual({ issued: 1, retried: 0, refused: 0 });

    // then
    const [act] = await documents.listForCase(caseId);
    expect(act).toMatchObject({ kind: 'act', name: expect.stringMatching(/^concessione-SP-.+\.pdf$/) });
    const { bytes } = await documents.read(act.id, { kind: 'citizen', fiscalCode: CITIZEN });
    const pdf = readPdf(bytes);
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(pdf.hasOutputIntent).toBe(true);
    expect(text).toContain(`Protocollo n. ${entry.number}/${entry.year}`);
    expect(text).toContain('Via Roma 12');
    expect(text).toContain('312,40');
    expect(text).toContain('Lasciare libero il passaggio pedonale');
    expect(text).toContain(act.verificationCode);
    expect(await documents.verify(act.verificationCode!)).toMatchObject({ kind: 'act', sha256: act.sha256, valid: true, protocol: { number: entry.number, year: entry.year } });
    expect(await ds.query(`select status, document_id from act_request where id = $1`, [request.id])).toEqual([{ status: 'issued', document_id: act.id }]);
    // and a second pass (another process) issues nothing more
    expect(await issuer.issueDue()).toEqual({ issued: 0, retried: 0, refused: 0 });
    expect(await documents.listForCase(caseId)).toHaveLength(1);
    // another citizen cannot read it
    await expect(documents.read(act.id, { kind: 'citizen', fiscalCode: 'VRDLRA85B41F205X' })).rejects.toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
  });

  it('given an act step run twice in a loop (a second request for integration), when issued, then each round is its own protocolled act, and a pass again issues nothing more', async () => {
    // given: round one, then the citizen answers and the office asks again
    const caseId = await newCase('issue-act-loop', { ...decision, richiestaIntegrazione: 'Allegare la planimetria' });
    const [{ id: instanceId }] = await ds.query(`select id from engine_instance where data->>'caseId' = $1`, [caseId]);
    const answer = async (data: Record<string, unknown>) => {
      const open = (await engine.getInstance(instanceId)).items.find((i) => i.elementId === 'Answer' && i.status === 'wait')!;
      await engine.completeItem(open.id, data);
    };
    await answer({ ancora: true, richiestaIntegrazione: 'Allegare anche la dichiarazione del proprietario' });
    await answer({ ancora: false });
    // when
    expect(await issuer.issueDue()).toEqual({ issued: 2, retried: 0, refused: 0 });
    // then
    const acts = await documents.listForCase(caseId);
    expect(acts).toHaveLength(2);
    const requests = await ds.query(`select protocol_entry_id, status from act_request where case_id = $1 order by created_at`, [caseId]);
    expect(requests.map((r: { status: string }) => r.status)).toEqual(['issued', 'issued']);
    expect(new Set(requests.map((r: { protocol_entry_id: string }) => r.protocol_entry_id)).size).toBe(2);
    const texts = await Promise.all(acts.map(async (a) => readPdf((await documents.read(a.id, { kind: 'admin' })).bytes).text.replace(/\s+/g, ' ')));
    expect(texts.some((x) => x.includes('Allegare la planimetria'))).toBe(true);
    expect(texts.some((x) => x.includes('Allegare anche la dichiarazione del proprietario'))).toBe(true);
    expect(await issuer.issueDue()).toEqual({ issued: 0, retried: 0, refused: 0 });
  });

  it('given a diagram naming a template that does not exist, when the step runs, then the process records an incident naming the template, nothing is requested', async () => {
    const xml = fixture('issue-act').replace('occupazione-suolo-pubblico/concessione', 'occupazione-suolo-pubblico/../../secret').replace(/issue-act/g, 'issue-act-bad');
    await engine.deploy('issue-act-bad', xml);
    await newCase('issue-act-bad', decision).catch(() => undefined);
    expect(Number((await ds.query(`select count(*) as n from act_request where template like '%secret%'`))[0].n)).toBe(0);
    expect(JSON.stringify(await ds.query(`select * from engine_incident`))).toContain('DOCUMENT_INVALID_ACT');
  });
});
