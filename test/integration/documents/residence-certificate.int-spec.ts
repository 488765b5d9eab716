import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { ActIssuer, DocumentsService } from '../../../src/modules/documents';
import { EngineService } from '../../../src/modules/engine';
import { NotificationsService } from '../../../src/modules/notifications';
import { fixture } from '../engine/engine-harness';
import { readPdf } from '../../support/pdf-text';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';

const VOUCHER = 'pdnd-voucher-for-tests-0123';
const MARIO = 'RSSMRA80A01H501U';
const UNKNOWN = 'VRDLRA85B41F205A';

/** A port nothing listens on yet: the app's own /dev-anpr is reached through the HTTP adapter on it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise((ok) => server.close(ok));
  return port;
}

describe(`certificato di residenza from ANPR (HTTP adapter against the development ANPR) on ${databaseLabel()}`, () => {
  let config: ReturnType<typeof testConfig>;
  let t: TestApp;
  let ds: DataSource;
  let engine: EngineService;
  let issuer: ActIssuer;
  let documents: DocumentsService;

  const newCase = async (fiscalCode: string, data: Record<string, unknown>): Promise<string> => {
    const caseId = randomUUID();
    await ds.query(
      `insert into case_file (id, code, procedure_key, procedure_title, office, citizen_fiscal_code, citizen_name, citizen_email, status, data, submitted_at, legal_days, legal_deadline)
       values ($1, $2, 'certificato-residenza', 'Certificato di residenza', 'anagrafe', $3, 'Mario Rossi', 'mario.rossi@example.it', 'inviata', '{}', now(), 30, current_date + 30)`,
      [caseId, `CR-${caseId.slice(0, 8).toUpperCase()}`, fiscalCode],
    );
    await engine.startProcess('issue-certificate', { caseId, ...data });
    return caseId;
  };
  const request = { richiedente: { nome: 'Mario', cognome: 'Rossi', codiceFiscale: MARIO }, tipoCertificato: 'residenza-stato-famiglia', numeroCopie: 1, esenzioneBollo: true, motivoEsenzione: 'scuola', verificaAnpr: true, esito: 'accolta', motivazione: 'Verificato' };
  const textOf = async (caseId: string) => {
    const [act] = await documents.listForCase(caseId);
    const { bytes } = await documents.read(act.id, { kind: 'admin' });
    return { act, text: readPdf(bytes).text.replace(/\s+/g, ' '), bytes };
  };

  beforeAll(async () => {
    const port = await freePort();
    config = testConfig({
      CATALOGUE_LOAD: 'true',
      COMUNE_NAME: 'Comune di Vallefiorita',
      ANPR_ADAPTER: 'http',
      DEV_ANPR_ENABLED: 'true',
      ANPR_API_BASE_URL: `http://127.0.0.1:${port}/dev-anpr/api/v1`,
      ANPR_BEARER_TOKEN: VOUCHER,
      ANPR_TIMEOUT_MS: '5000',
    });
    t = await startTestApp(config);
    await t.app.listen(port, '127.0.0.1');
    ds = t.app.get(DataSource);
    engine = t.app.get(EngineService);
    issuer = t.app.get(ActIssuer);
    documents = t.app.get(DocumentsService);
    await engine.deploy('issue-certificate', fixture('issue-certificate'));
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  it('given a resident asking residence and family in exemption, when the certificate is issued, then ANPR data, the family, the exemption with its reference and the source are in the PDF/A, and the citizen is notified with the document', async () => {
    // given
    const caseId = await newCase(MARIO, request);
    // when
    expect(await issuer.issueDue()).toEqual({ issued: 1, retried: 0, refused: 0 });
    // then
    const { act, text } = await textOf(caseId);
    expect(act).toMatchObject({ kind: 'act', name: expect.stringMatching(/^certificato-CR-.+\.pdf$/) });
    expect(text).toContain('Certificato contestuale di residenza e stato di famiglia');
    expect(text).toContain('Via Roma 12');
    expect(text).toContain('00100 Vallefiorita (RM)');
    expect(text).toContain('01/06/2015');
    expect(text).toContain('Roma (RM), 01/01/1980');
    expect(text).toContain('coniuge');
    expect(text).toContain('Laura Bianchi');
    expect(text).toContain('Tabella allegato B, art. 11');
    expect(text).toContain('Anagrafe Nazionale della Popolazione Residente');
    expect(text).toContain('art. 40, comma 01');
    expect(await documents.verify(act.verificationCode!)).toMatchObject({ kind: 'act', valid: true });
    // the notice: queued with the act, naming the document
    const notices = await ds.query(`select event, item_id, recipient, variables from notification_outbox where case_id = $1`, [caseId]);
    expect(notices).toEqual([{ event: 'atto-emesso', item_id: act.id, recipient: 'mario.rossi@example.it', variables: expect.objectContaining({ documentId: act.id, caseUrl: `http://localhost:3000/area-personale/pratiche/${caseId}` }) }]);
    expect((await t.app.get(NotificationsService).findEmail(`${caseId}:atto-emesso:${act.id}`))?.status).toBe('pending');
  });

  it('given an address changed in ANPR, when a certificate is issued, then it carries the new address (the data come from ANPR at issue time)', async () => {
    await t.http().post(`/dev-anpr/soggetti/${MARIO}`).send({ street: 'Via Garibaldi', streetNumber: '5', since: '2026-11-01' }).expect(200);
    const caseId = await newCase(MARIO, { ...request, tipoCertificato: 'residenza', esenzioneBollo: false });
    await issuer.issueDue();
    const { text } = await textOf(caseId);
    expect(text).toContain('Via Garibaldi 5');
    expect(text).toContain('01/11/2026');
    expect(text).not.toContain('Stato di famiglia');
    expect(text).toContain('Imposta di bollo di € 16,00 dovuta');
  });

  it('given a fiscal code ANPR does not know, when the issuer passes, then no certificate is issued and the request says why', async () => {
    const caseId = await newCase(UNKNOWN, request);
    expect(await issuer.issueDue()).toEqual({ issued: 0, retried: 0, refused: 1 });
    expect(await documents.listForCase(caseId)).toEqual([]);
    const [row] = await ds.query(`select status, last_error from act_request where case_id = $1`, [caseId]);
    expect(row).toEqual({ status: 'refused', last_error: expect.stringContaining('non risulta') });
    expect(await ds.query(`select 1 from notification_outbox where case_id = $1`, [caseId])).toEqual([]);
  });

  it('given ANPR down, when the certificate is issued, then the operator check is the source and the act says so', async () => {
    // given
    await t.http().post('/dev-anpr/guasto').send({ attivo: true }).expect(200);
    try {
      const caseId = await newCase(MARIO, { ...request, indirizzoVerificato: 'Via Roma 12' });
      // when
      expect(await issuer.issueDue()).toEqual({ issued: 1, retried: 0, refused: 0 });
      // then
      const { text } = await textOf(caseId);
      expect(text).toContain('ANPR non ha risposto');
      expect(text).toContain('dichiarato di aver eseguito la verifica in ANPR');
      expect(text).toContain('Via Roma 12');
      expect(text).not.toContain('Anagrafe Nazionale della Popolazione Residente (ANPR), accertamento');
    } finally {
      await t.http().post('/dev-anpr/guasto').send({ attivo: false }).expect(200);
    }
  });

  it('given two issuers passing at once and the step re-run, when done, then the case has exactly one certificate and one notice', async () => {
    // given
    const caseId = await newCase(MARIO, request);
    // when
    const reports = await Promise.all([issuer.issueDue(), issuer.issueDue()]);
    await issuer.issueDue();
    // then
    expect(reports.reduce((n, r) => n + r.issued, 0)).toBe(1);
    expect(await documents.listForCase(caseId)).toHaveLength(1);
    expect(await ds.query(`select count(*)::int as n from act_request where case_id = $1`, [caseId])).toEqual([{ n: 1 }]);
    expect(await ds.query(`select count(*)::int as n from notification_outbox where case_id = $1`, [caseId])).toEqual([{ n: 1 }]);
  });
});
