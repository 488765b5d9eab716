import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Transactions } from '../../../src/database';
import { DOCUMENT_STORAGE, DocumentStorage, UnfiledUploadsPurge } from '../../../src/modules/documents';
import { DEMO_ADMINS, DEMO_CITIZENS, DEMO_OPERATORS, Principal } from '../../../src/modules/identity';
import { ProtocolService } from '../../../src/modules/protocol';
import { anOccupazioneSuoloApplication } from '../../factories/case.factory';
import { aPdf, aPng, anExecutable, anHtmlPage } from '../../factories/document.factory';
import { readPdf } from '../../support/pdf-text';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';

const mario = DEMO_CITIZENS[0];
const laura = DEMO_CITIZENS[1];
const operator = (id: string) => DEMO_OPERATORS.find((o) => o.userId === id)!;
const elena = operator('elena.marino'); // suap
const luca = operator('luca.romano'); // anagrafe
const admin = DEMO_ADMINS[0];
const PROCEDURE = 'occupazione-suolo-pubblico';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function application(p: (typeof DEMO_CITIZENS)[number], planimetria: unknown): Record<string, unknown> {
  return anOccupazioneSuoloApplication(p, { planimetria });
}

for (const storage of ['database', 'folder'] as const) {
  describe(`documents over HTTP with ${storage} storage on ${databaseLabel()}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'sportello-documents-'));
    const config = testConfig({
      CATALOGUE_LOAD: 'true',
      DATA_DIR: '.test-data/e2e-keys',
      DOCUMENTS_STORAGE: storage,
      DOCUMENTS_DIR: dir,
      DOCUMENTS_MAX_FILE_BYTES: '20000',
      DOCUMENTS_MAX_FILES_PER_FIELD: '3',
      PUBLIC_BASE_URL: 'https://servizi.comune.example.it/',
    });
    let t: TestApp;
    let ds: DataSource;
    const auth = async (p: Principal) => `Bearer ${await t.token(p)}`;
    const count = async (table: string, where = 'true') => Number((await ds.query(`select count(*) as n from ${table} where ${where}`))[0].n);

    // Booting the whole app on PGlite (migrations, catalogue) takes long on a loaded machine.
    beforeAll(async () => {
      t = await startTestApp(config);
      ds = t.app.get(DataSource);
    }, 180_000);
    afterAll(async () => {
      await t.close();
      await dropTestSchema(config);
      rmSync(dir, { recursive: true, force: true });
    });

    const upload = async (who: Principal, field: string, bytes: Buffer, filename: string, contentType = 'application/pdf') =>
      t.http().post('/api/v1/attachments').set('Authorization', await auth(who)).field('field', field).attach('file', bytes, { filename, contentType });
    const file = async (who: (typeof DEMO_CITIZENS)[number], planimetria: unknown) =>
      t.http().post('/api/v1/cases').set('Authorization', await auth(who)).send({ procedureKey: PROCEDURE, data: application(who, planimetria) });

    it('given a PDF, when a citizen uploads it for a field, then it is stored with its digest and content-detected type', async () => {
      // given
      const pdf = aPdf('Planimetria via Roma');

      // when
      const res = await upload(mario, 'planimetria', pdf, 'Planimetria via Roma è.pdf', 'application/octet-stream');

      // then
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        field: 'planimetria',
        name: 'Planimetria via Roma è.pdf',
        mediaType: 'application/pdf',
        size: pdf.length,
        sha256: sha256(pdf),
        uploadedAt: expect.any(String),
      });
      if (storage === 'folder') expect(existsSync(join(dir, sha256(pdf).slice(0, 2), sha256(pdf).slice(2, 4), sha256(pdf)))).toBe(true);
      else expect(await count('document_content', `sha256 = '${sha256(pdf)}' and content is not null`)).toBe(1);
    });

    it.each([
      ['an executable named .pdf', anExecutable(), 'planimetria.pdf', 'non è di un tipo ammesso'],
      ['an HTML page named .pdf', anHtmlPage(), 'planimetria.pdf', 'non è di un tipo ammesso'],
      ['a PNG named .pdf', aPng(), 'planimetria.pdf', 'non corrisponde al nome'],
    ])('given %s, when uploaded, then 422 DOCUMENT_TYPE_NOT_ALLOWED names the field and nothing is kept', async (_label, bytes, name, message) => {
      // given
      const before = [await count('attachment'), await count('document_content')];

      // when
      const res = await upload(laura, 'planimetria', bytes, name);

      // then
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'DOCUMENT_TYPE_NOT_ALLOWED', errors: [{ field: 'planimetria', message: expect.stringContaining(message) }] });
      expect(res.body.detail).toContain('«planimetria»');
      expect([await count('attachment'), await count('document_content')]).toEqual(before);
    });

    it('given a file over the size limit, when uploaded, then 413 DOCUMENT_TOO_LARGE names the field and nothing is kept', async () => {
      // given
      const big = Buffer.concat([aPdf(), Buffer.alloc(25_000, 0x20)]);
      const before = await count('attachment');

      // when
      const res = await upload(laura, 'planimetria', big, 'grande.pdf');

      // then
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', errors: [{ field: 'planimetria' }] });
      expect(res.body.detail).toContain('«planimetria»');
      expect(await count('attachment')).toBe(before);
    });

    it('given three files waiting for one field, when a fourth is uploaded for it, then 422 DOCUMENT_TOO_MANY names the field', async () => {
      // given
      const giulia = DEMO_CITIZENS[3];
      for (let i = 0; i < 3; i += 1) expect((await upload(giulia, 'planimetria', aPdf(`copia ${i}`), `p${i}.pdf`)).status).toBe(201);

      // when
      const res = await upload(giulia, 'planimetria', aPdf('quarta'), 'p4.pdf');

      // then
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'DOCUMENT_TOO_MANY', errors: [{ field: 'planimetria' }] });
      expect((await upload(giulia, 'altro', aPng(), 'foto.png', 'image/png')).status).toBe(201);
    });

    it('given a request without a file or without a field, when posted, then 400 names what is missing', async () => {
      // given / when
      const noFile = await t.http().post('/api/v1/attachments').set('Authorization', await auth(mario)).field('field', 'planimetria');
      const noField = await t.http().post('/api/v1/attachments').set('Authorization', await auth(mario)).attach('file', aPdf(), 'a.pdf');

      // then
      expect(noFile.status).toBe(400);
      expect(noFile.body).toMatchObject({ code: 'DOCUMENT_INVALID_UPLOAD', errors: [{ field: 'file' }] });
      expect(noField.status).toBe(400);
      expect(noField.body).toMatchObject({ code: 'DOCUMENT_INVALID_UPLOAD', errors: [{ field: 'field' }] });
    });

    it('given the OpenAPI document, when read, then every documents route names its response DTO and its problem answers', async () => {
      // given / when
      const doc = (await t.http().get('/api/docs-json').expect(200)).body;

      // then
      const schemaOf = (path: string, method: string, status: string) => doc.paths[path][method].responses[status];
      expect(schemaOf('/api/v1/attachments', 'post', '201').content['application/json'].schema.$ref).toBe('#/components/schemas/AttachmentResponseDto');
      expect(schemaOf('/api/v1/attachments', 'post', '413').content['application/problem+json']).toBeDefined();
      expect(schemaOf('/api/v1/documents/verify/{code}', 'get', '200').content['application/json'].schema.$ref).toBe('#/components/schemas/VerificationResponseDto');
      expect(schemaOf('/api/v1/documents', 'get', '200').content['application/json'].schema.$ref).toBe('#/components/schemas/DocumentPageResponseDto');
      expect(schemaOf('/api/v1/cases/{id}/documents', 'get', '200').content['application/json'].schema.items.$ref).toBe('#/components/schemas/DocumentResponseDto');
      expect(schemaOf('/api/v1/cases/{id}/receipt', 'get', '409').content['application/problem+json']).toBeDefined();
      expect(schemaOf('/api/v1/documents/{id}', 'get', '404').content['application/problem+json']).toBeDefined();
    });

    it('given a transaction that fails after storing bytes, when it rolls back, then no content row is left, and a retry stores row and bytes together', async () => {
      // given
      const store = t.app.get<DocumentStorage>(DOCUMENT_STORAGE);
      const tx = t.app.get(Transactions);
      const bytes = aPdf('annullato dal rollback');
      const digest = sha256(bytes);

      // when
      const failed = tx.run(async (em) => {
        await store.store(em, digest, bytes);
        throw new Error('crash after store');
      });

      // then
      await expect(failed).rejects.toThrow('crash after store');
      expect(await count('document_content', `sha256 = '${digest}'`)).toBe(0);
      await tx.run((em) => store.store(em, digest, bytes));
      expect(await count('document_content', `sha256 = '${digest}' and storage = '${storage}'`)).toBe(1);
      expect(sha256(await store.load(ds.manager, digest))).toBe(digest);
    });

    it('given an operator, when uploading, then 403: uploads are for citizens', async () => {
      // given / when
      const res = await upload(elena, 'planimetria', aPdf(), 'a.pdf');

      // then
      expect(res.status).toBe(403);
    });

    describe('filing with attachments', () => {
      let caseId: string;
      let attachmentId: string;
      let pdf: Buffer;

      it('given bad attachment ids, when the case is filed, then 422 names the field and nothing is stored', async () => {
        // given
        const lauras = (await upload(laura, 'planimetria', aPdf('di Laura'), 'laura.pdf')).body.id as string;
        const otherField = (await upload(mario, 'altro', aPdf('altro campo'), 'altro.pdf')).body.id as string;
        const casesBefore = await count('case_file');
        const entriesBefore = await count('protocol_entry');

        // when
        const results = [
          await file(mario, [lauras]),
          await file(mario, [otherField]),
          await file(mario, ['00000000-0000-4000-8000-000000000000']),
          await file(mario, 'files::Field_1'),
          await file(mario, []),
        ];

        // then
        expect(results.map((r) => r.status)).toEqual([422, 422, 422, 422, 422]);
        expect(results.slice(0, 3).map((r) => r.body.code)).toEqual(['DOCUMENT_INVALID_ATTACHMENTS', 'DOCUMENT_INVALID_ATTACHMENTS', 'DOCUMENT_INVALID_ATTACHMENTS']);
        expect(results.map((r) => r.body.errors[0].field)).toEqual(['planimetria', 'planimetria', 'planimetria', 'planimetria', 'planimetria']);
        expect(results[1].body.errors[0].message).toBe('Il file indicato è stato caricato per un altro campo.');
        expect(await count('case_file')).toBe(casesBefore);
        expect(await count('protocol_entry')).toBe(entriesBefore);
        expect(await count('attachment', `id in ('${lauras}', '${otherField}') and case_id is null`)).toBe(2);
      });

      it('given an uploaded planimetria, when the case is filed with its id, then the attachment joins the case and the protocol entry lists its digest', async () => {
        // given
        pdf = aPdf('Planimetria definitiva');
        attachmentId = (await upload(mario, 'planimetria', pdf, 'planimetria.pdf')).body.id;

        // when
        const res = await file(mario, [attachmentId]);

        // then
        expect(res.status).toBe(201);
        caseId = res.body.id;
        const entry = await t.app.get(ProtocolService).findByNumber(res.body.protocol.year, res.body.protocol.number);
        expect(entry?.documents).toEqual(expect.arrayContaining([{ name: 'planimetria.pdf', sha256: sha256(pdf), mediaType: 'application/pdf', size: pdf.length }]));
        const docs = await t.http().get(`/api/v1/cases/${caseId}/documents`).set('Authorization', await auth(mario)).expect(200);
        expect(docs.body).toEqual([expect.objectContaining({ id: attachmentId, kind: 'attachment', caseId, sha256: sha256(pdf), verificationCode: null })]);
      });

      it('given a filed attachment, when filed again in another case, then 422: it is already filed', async () => {
        // given / when
        const res = await file(mario, [attachmentId]);

        // then
        expect(res.status).toBe(422);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'planimetria', message: expect.stringContaining('già stato inviato') })]);
      });

      it('given a filed case, when its receipt is asked twice, then one PDF/A is rendered, stored and listed, with protocol, case code, procedure and the attachment digest', async () => {
        // given
        const view = (await t.http().get(`/api/v1/cases/${caseId}`).set('Authorization', await auth(mario)).expect(200)).body;

        // when
        const [first, second] = await Promise.all([
          t.http().get(`/api/v1/cases/${caseId}/receipt`).set('Authorization', await auth(mario)),
          t.http().get(`/api/v1/cases/${caseId}/receipt`).set('Authorization', await auth(elena)),
        ]);

        // then
        expect(first.status).toBe(200);
        expect(second.body).toEqual(first.body);
        expect(first.body).toMatchObject({ kind: 'receipt', caseId, mediaType: 'application/pdf', name: `ricevuta-${view.code}.pdf`, verificationCode: expect.stringMatching(/^[A-Za-z0-9_-]{20}$/) });
        const download = await t.http().get(`/api/v1/documents/${first.body.id}`).set('Authorization', await auth(mario)).buffer(true).parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
        expect(download.status).toBe(200);
        expect(download.headers['content-type']).toBe('application/pdf');
        const bytes = download.body as Buffer;
        expect(sha256(bytes)).toBe(first.body.sha256);
        const pdfRead = readPdf(bytes);
        const text = pdfRead.text.replace(/\s+/g, ' ');
        expect(text).toContain(`Protocollo n. ${view.protocol.number}/${view.protocol.year}`);
        expect(text).toContain(view.code);
        expect(text).toContain(`Procedimento ${view.procedure.title}`);
        expect(text).toContain('Sportello unico per le attività produttive (SUAP)');
        // Long values wrap at the column's width: compare them without whitespace.
        const compact = text.replace(/\s/g, '');
        expect(compact).toContain(`planimetria.pdf(${pdf.length}byte)SHA-256${sha256(pdf)}`);
        expect(compact).toContain(`https://servizi.comune.example.it/documenti/verifica/${first.body.verificationCode}`);
        expect(pdfRead.embeddedFonts.some((f) => /TitilliumWeb/.test(f))).toBe(true);
        expect(pdfRead.xmp).toContain('<pdfaid:part>2</pdfaid:part>');
        expect(await count('issued_document', `case_id = '${caseId}'`)).toBe(1);
        const mine = (await t.http().get('/api/v1/documents?pageSize=1').set('Authorization', await auth(mario)).expect(200)).body;
        expect(mine).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ kind: expect.any(String) }] });
      });

      it('given a case not yet registered in the protocol, when its receipt is asked, then 409 DOCUMENT_NOT_READY and nothing is issued', async () => {
        // given: a copy of the filed case without a protocol number (as before the number is committed)
        const [{ id }] = await ds.query(
          `insert into case_file (id, code, procedure_key, procedure_title, office, citizen_fiscal_code, citizen_name, status, data, submitted_at, legal_days, legal_deadline)
           select gen_random_uuid(), code || '-X', procedure_key, procedure_title, office, citizen_fiscal_code, citizen_name, status, data, submitted_at, legal_days, legal_deadline
             from case_file where id = $1 returning id`,
          [caseId],
        );

        // when
        const res = await t.http().get(`/api/v1/cases/${id}/receipt`).set('Authorization', await auth(mario));

        // then
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('DOCUMENT_NOT_READY');
        expect(await count('issued_document', `case_id = '${id}'`)).toBe(0);
      });

      it('given an issued receipt, when its code is verified publicly, then type, date, protocol and digest show with no personal data, and tampering makes it invalid', async () => {
        // given
        const receipt = (await t.http().get(`/api/v1/cases/${caseId}/receipt`).set('Authorization', await auth(mario)).expect(200)).body;
        const view = (await t.http().get(`/api/v1/cases/${caseId}`).set('Authorization', await auth(mario)).expect(200)).body;

        // when
        const res = await t.http().get(`/api/v1/documents/verify/${receipt.verificationCode}`).expect(200);
        const unknown = await t.http().get('/api/v1/documents/verify/AAAAAAAAAAAAAAAAAAAA');

        // then
        expect(res.body).toEqual({
          code: receipt.verificationCode,
          kind: 'receipt',
          name: receipt.name,
          issuedAt: receipt.createdAt,
          sha256: receipt.sha256,
          protocol: { number: view.protocol.number, year: view.protocol.year },
          valid: true,
        });
        expect(JSON.stringify(res.body)).not.toContain(mario.fiscalCode);
        expect(unknown.status).toBe(404);
        expect(unknown.body.code).toBe('DOCUMENT_VERIFICATION_NOT_FOUND');
        if (storage === 'database') {
          await ds.query(`update document_content set content = $2 where sha256 = $1`, [receipt.sha256, Buffer.from('%PDF-1.7 alterato')]);
          expect((await t.http().get(`/api/v1/documents/verify/${receipt.verificationCode}`).expect(200)).body.valid).toBe(false);
        }
      });

      it('given a filed attachment, when others ask for it, then only the owner, the office and admins read it', async () => {
        // given
        const get = async (who: Principal) => (await t.http().get(`/api/v1/documents/${attachmentId}`).set('Authorization', await auth(who))).status;

        // when
        const statuses = { mario: await get(mario), laura: await get(laura), elena: await get(elena), luca: await get(luca), admin: await get(admin) };

        // then
        expect(statuses).toEqual({ mario: 200, laura: 404, elena: 200, luca: 404, admin: 200 });
        expect((await t.http().get(`/api/v1/cases/${caseId}/documents`).set('Authorization', await auth(laura))).status).toBe(404);
      });
    });

    it('given uploads never filed for over a day, when the purge runs, then they and their bytes go while recent and filed ones stay', async () => {
      // given
      const old = aPdf('vecchio, mai inviato');
      const oldId = (await upload(laura, 'planimetria', old, 'vecchio.pdf')).body.id;
      const recentId = (await upload(laura, 'planimetria', aPdf('recente'), 'recente.pdf')).body.id;
      await ds.query(`update attachment set uploaded_at = now() - interval '25 hours' where id = $1`, [oldId]);
      const filedBefore = await count('attachment', 'case_id is not null');

      // when: two processes' purges run at once
      const purge = t.app.get(UnfiledUploadsPurge);
      const [a, b] = await Promise.all([purge.purge(), purge.purge()]);

      // then
      expect(a.attachments + b.attachments).toBeGreaterThanOrEqual(1);
      expect(await count('attachment', `id = '${oldId}'`)).toBe(0);
      expect(await count('attachment', `id = '${recentId}'`)).toBe(1);
      expect(await count('document_content', `sha256 = '${sha256(old)}'`)).toBe(0);
      expect(existsSync(join(dir, sha256(old).slice(0, 2), sha256(old).slice(2, 4), sha256(old)))).toBe(false);
      expect(await count('attachment', 'case_id is not null')).toBe(filedBefore);
    });
  });
}
