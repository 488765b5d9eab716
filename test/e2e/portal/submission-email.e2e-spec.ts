import { createHash } from 'node:crypto';
import { DEMO_CITIZENS } from '../../../src/modules/identity';
import { OutboxDispatcher } from '../../../src/modules/notifications';
import { aCertificatoResidenzaRequest } from '../../factories/case.factory';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';
import { readPdf } from '../../support/pdf-text';
import { SmtpPeer } from '../../support/smtp-peer';

const mario = DEMO_CITIZENS[0];
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// Boots the whole app and renders a PDF on a shared 2-core machine: generous per-test time.
jest.setTimeout(240_000);

describe(`the submission e-mail carries the PDF receipt on ${databaseLabel()}`, () => {
  const smtp = new SmtpPeer();
  let config: ReturnType<typeof testConfig>;
  let t: TestApp;

  beforeAll(async () => {
    await smtp.start();
    config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys', SMTP_URL: smtp.url, NOTIFICATIONS_ENABLED: 'false' });
    t = await startTestApp(config);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await dropTestSchema(config);
  });

  it('given a filed case and a relay that is down at the first attempt, when the outbox retries, then the "inviata" e-mail carries the stored receipt, byte for byte, and no other e-mail carries it', async () => {
    const auth = { Authorization: `Bearer ${await t.token(mario)}` };
    const filed = (await t.http().post('/api/v1/cases').set(auth).send({ procedureKey: 'certificato-residenza', data: aCertificatoResidenzaRequest() }).expect(201)).body as {
      id: string;
      code: string;
      protocol: { number: string };
    };
    const dispatcher = t.app.get(OutboxDispatcher);
    // when: the relay is down, the e-mail is rendered and kept for a retry
    const port = smtp.port;
    await smtp.stop();
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
    smtp.port = port;
    await smtp.start();
    expect(await dispatcher.dispatchDue(new Date(Date.now() + 3_600_000))).toEqual({ sent: 1, retried: 0, failed: 0 });
    // then
    const [mail] = smtp.received;
    expect(mail.subject).toMatch(/inviata/i);
    expect(mail.attachments).toHaveLength(1);
    const [pdf] = mail.attachments;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toMatch(/\.pdf$/);
    // the same bytes as the stored receipt the citizen downloads
    const documents = (await t.http().get(`/api/v1/cases/${filed.id}/documents`).set(auth).expect(200)).body as Array<{ kind: string; sha256: string }>;
    const receipt = documents.find((d) => d.kind === 'receipt');
    expect(receipt?.sha256).toBe(sha256(pdf.content));
    const text = readPdf(pdf.content).text;
    expect(text).toContain(filed.protocol.number);
    expect(text).toContain(filed.code);
    // a later e-mail of the case (a message from the office) has no attachment
    await t.http().post(`/api/v1/cases/${filed.id}/messages`).set(auth).send({ body: 'Una domanda per l’ufficio' }).expect(201);
    await dispatcher.dispatchDue();
    expect(smtp.received.slice(1).every((m) => m.attachments.length === 0)).toBe(true);
  });
});
