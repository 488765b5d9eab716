import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DocumentsService } from '../../../src/modules/documents';
import { EngineInstance, EngineService, TimerSchedulerService } from '../../../src/modules/engine';
import { buildDebtPosition, DebtDispatcher, GpdHttpAdapter, NavAllocator, PaymentsService, ReceiptReconciler } from '../../../src/modules/payments';
import { fixture } from '../engine/engine-harness';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';

const EC = '01234567890';
const KEY = 'dev-gpd-key-0123456789';
const HOUR = 3_600_000;
type Mode = 'down' | 'lose-answer' | 'pass';

/** pagoPA's network as the app sees it: down (503), answering after doing the work but losing the answer (504), or passing through. */
function flakyProxy(): { server: Server; mode: { value: Mode; target: string; calls: number } } {
  const mode = { value: 'pass' as Mode, target: '', calls: 0 };
  const server = createServer((req, res) => {
    mode.calls++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if (mode.value === 'down') {
        res.writeHead(503, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ title: 'Service Unavailable', status: 503, detail: 'GPD in manutenzione' }));
        return;
      }
      const upstream = await fetch(`${mode.target}${req.url}`, {
        method: req.method,
        headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)) as Array<[string, string]>),
        body: chunks.length ? Buffer.concat(chunks) : undefined,
        redirect: 'manual',
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      if (mode.value === 'lose-answer') {
        res.writeHead(504).end();
        return;
      }
      res.writeHead(upstream.status, Object.fromEntries(upstream.headers.entries())).end(body);
    });
  });
  return { server, mode };
}

describe(`case payments over real HTTP (gpd adapter → flaky network → development pagoPA) on ${databaseLabel()}`, () => {
  const proxy = flakyProxy();
  let t: TestApp;
  let ds: DataSource;
  let engine: EngineService;
  let dispatcher: DebtDispatcher;
  let reconciler: ReceiptReconciler;
  let config: ReturnType<typeof testConfig>;
  let direct: GpdHttpAdapter;

  const newCase = async (): Promise<{ caseId: string; instance: EngineInstance }> => {
    const caseId = randomUUID();
    await ds.query(
      `insert into case_file (id, code, procedure_key, procedure_title, office, citizen_fiscal_code, citizen_name, citizen_email, status, data, submitted_at, legal_days, legal_deadline)
       values ($1, $2, 'fee-payment', 'Procedimento con diritti', 'suap', 'RSSMRA80A01H501U', 'Mario Rossi', 'mario@example.it', 'inviata', '{}', now(), 30, current_date + 30)`,
      [caseId, `PRV-${caseId.slice(0, 8)}`],
    );
    const { instance } = await engine.startProcess('fee-payment', { caseId });
    return { caseId, instance };
  };
  const waitingAt = async (instanceId: string) => (await engine.getInstance(instanceId)).items.filter((i) => i.status === 'wait').map((i) => i.elementId).sort();
  const paymentOf = async (caseId: string) => (await ds.query(`select * from case_payment where case_id = $1`, [caseId]))[0];

  beforeAll(async () => {
    await new Promise<void>((r) => proxy.server.listen(0, '127.0.0.1', r));
    const proxyPort = (proxy.server.address() as AddressInfo).port;
    config = testConfig({
      PAYMENTS_ADAPTER: 'gpd',
      DEV_PAGOPA_ENABLED: 'true',
      PAGOPA_API_BASE_URL: `http://127.0.0.1:${proxyPort}/dev-pagopa`,
      PAGOPA_GPD_KEY: KEY,
      PAGOPA_EC_FISCAL_CODE: EC,
      PAYMENTS_BACKOFF_MS: '1000',
      PAGOPA_TIMEOUT_MS: '5000',
    });
    t = await startTestApp(config);
    await t.app.listen(0, '127.0.0.1');
    const appPort = (t.app.getHttpServer().address() as AddressInfo).port;
    proxy.mode.target = `http://127.0.0.1:${appPort}`;
    direct = new GpdHttpAdapter({ baseUrl: `http://127.0.0.1:${appPort}/dev-pagopa`, gpdKey: KEY, checkoutKey: KEY, timeoutMs: 5000 });
    ds = t.app.get(DataSource);
    engine = t.app.get(EngineService);
    dispatcher = t.app.get(DebtDispatcher);
    reconciler = t.app.get(ReceiptReconciler);
    await engine.deploy('fee-payment', fixture('fee-payment'));
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await new Promise((r) => proxy.server.close(r));
    await dropTestSchema(config);
  });

  let paidCase = '';
  let paidInstance = '';

  it('given the step asked for the fee, when GPD is down and then loses its answer, then the position is retried with backoff and exists exactly once', async () => {
    // given: the step ran in the engine transaction and only recorded the payment
    const { caseId, instance } = await newCase();
    paidCase = caseId;
    paidInstance = instance.id;
    expect(await waitingAt(instance.id)).toEqual(['Expired', 'Paid']);
    const recorded = await paymentOf(caseId);
    expect(recorded).toMatchObject({ status: 'pending', amount: '3200', attempts: 0 });
    expect(recorded.position.paymentOption[0].transfer.map((x: { amount: number; stamp?: unknown }) => [x.amount, Boolean(x.stamp)])).toEqual([[1600, false], [1600, true]]);
    expect(instance.data.pagamento).toMatchObject({ nav: recorded.nav, importo: 3200 });
    const now = Date.now();

    // when: GPD answers 503
    proxy.mode.value = 'down';
    expect(await dispatcher.dispatchDue(new Date(now))).toEqual({ published: 0, retried: 1, failed: 0 });
    // then: not due again before the backoff
    expect(await dispatcher.dispatchDue(new Date(now + 500))).toEqual({ published: 0, retried: 0, failed: 0 });
    expect((await paymentOf(caseId)).last_error).toContain('PAYMENT_GATEWAY_UNAVAILABLE');

    // when: GPD creates it but the answer is lost
    proxy.mode.value = 'lose-answer';
    expect(await dispatcher.dispatchDue(new Date(now + 1100))).toEqual({ published: 0, retried: 1, failed: 0 });
    // and then the network heals: the 409 on our own IUPD is adopted
    proxy.mode.value = 'pass';
    expect(await dispatcher.dispatchDue(new Date(now + 3100))).toEqual({ published: 1, retried: 0, failed: 0 });

    // then
    expect(await paymentOf(caseId)).toMatchObject({ status: 'published', attempts: 3, last_error: null });
    expect(Number((await ds.query(`select count(*) as n from dev_pagopa_position where iupd = $1`, [recorded.iupd]))[0].n)).toBe(1);
    expect((await direct.getPosition(EC, recorded.iupd)).status).toBe('VALID');
    expect(await dispatcher.dispatchDue(new Date(now + 60_000))).toEqual({ published: 0, retried: 0, failed: 0 });
    // and its avviso is an issued document of the case, stored once (the two failed passes stored nothing)
    const documents = await t.app.get(DocumentsService).listForCase(caseId);
    expect(documents.map((d) => [d.kind, d.name])).toEqual([['payment-notice', `avviso-${recorded.nav}.pdf`]]);
    const { bytes } = await t.app.get(DocumentsService).read(documents[0].id, { kind: 'citizen', fiscalCode: 'RSSMRA80A01H501U' });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await t.app.get(DocumentsService).verify(documents[0].verificationCode!)).toMatchObject({ kind: 'payment-notice', sha256: documents[0].sha256, valid: true });
    expect(Number((await ds.query(`select count(*) as n from issued_document where case_id = $1`, [caseId]))[0].n)).toBe(1);
  });

  it('given the notice is paid, when two reconcilers poll at once, then the receipt is applied once and the procedure continues', async () => {
    // given
    const { nav } = await paymentOf(paidCase);
    const receipt = (await request(t.app.getHttpServer()).post(`/dev-pagopa/avvisi/${nav}/paga`).expect(200)).body;
    expect(await waitingAt(paidInstance)).toEqual(['Expired', 'Paid']); // no push with the gpd adapter: polling finds it

    // when
    const reports = await Promise.all([reconciler.reconcile(), reconciler.reconcile()]);

    // then
    expect(reports.reduce((s, r) => s + r.applied, 0)).toBe(1);
    expect(await waitingAt(paidInstance)).toEqual(['Done']);
    expect((await engine.getInstance(paidInstance)).data.pagamentoRicevuto).toMatchObject({ nav, importo: 3200, ricevuta: receipt.receiptId });
    expect(await paymentOf(paidCase)).toMatchObject({ status: 'paid', receipt_id: receipt.receiptId });
    expect(await ds.query(`select outcome from payment_receipt_log where nav = $1`, [nav])).toEqual([{ outcome: 'applied' }]);
    expect((await reconciler.reconcile()).applied).toBe(0);
    const [view] = await t.app.get(PaymentsService).listForCase(paidCase);
    expect(view).toMatchObject({ status: 'paid', statusLabel: 'Pagato', amount: 3200, payable: false });
  });

  it('given a second receipt for a paid notice and one for a notice no case owns, when applied, then both are recorded and flagged, nothing applied', async () => {
    // given
    const { nav } = await paymentOf(paidCase);
    const foreign = buildDebtPosition(
      { fiscalCode: EC, name: 'Comune', iban: 'IT60X0542811101000000123456', category: '9/0101100IM/' },
      { debtor: { fiscalCode: 'VRDLRA85B41F205X', fullName: 'Laura Verdi' }, amount: 500, description: 'Altro', nav: await t.app.get(NavAllocator).next(EC, '02', 2026), dueDate: new Date(Date.now() + 86_400_000) },
    );
    await direct.createPosition(EC, foreign, true);
    await request(t.app.getHttpServer()).post(`/dev-pagopa/avvisi/3${foreign.paymentOption[0].iuv}/paga`).expect(200);

    // when
    const polled = await reconciler.reconcile();
    const twice = await reconciler.apply({ receiptId: 'duplicate-psp-receipt', organizationFiscalCode: EC, iuv: nav.slice(1), noticeNumber: nav, amount: 3200, debtorFiscalCode: 'RSSMRA80A01H501U', paymentDateTime: new Date().toISOString() });

    // then
    expect(polled).toMatchObject({ applied: 0, flagged: 1 });
    expect(twice).toBe('already-paid');
    const flagged = await ds.query(`select nav, outcome from payment_receipt_log where outcome <> 'applied' order by nav`);
    expect(flagged).toEqual(expect.arrayContaining([{ nav, outcome: 'already-paid' }, { nav: `3${foreign.paymentOption[0].iuv}`, outcome: 'unknown-notice' }]));
    expect(await waitingAt(paidInstance)).toEqual(['Done']);
  });

  it('given a notice nobody pays, when its expiry timer fires, then the procedure takes the expiry path and a late payment is only recorded and flagged', async () => {
    // given
    const { caseId, instance } = await newCase();
    await dispatcher.dispatchDue(new Date(Date.now() + 10 * HOUR));
    const { nav } = await paymentOf(caseId);
    // when
    await t.app.get(TimerSchedulerService).tick(new Date(Date.now() + 26 * HOUR));
    // then
    expect(await waitingAt(instance.id)).toEqual(['Late']);
    // and a payment made after the procedure moved on is kept, flagged for the office, and changes nothing
    await request(t.app.getHttpServer()).post(`/dev-pagopa/avvisi/${nav}/paga`).expect(200);
    expect(await reconciler.reconcile()).toMatchObject({ applied: 0, flagged: 1 });
    expect(await ds.query(`select outcome from payment_receipt_log where nav = $1`, [nav])).toEqual([{ outcome: 'no-waiting-process' }]);
    expect(await waitingAt(instance.id)).toEqual(['Late']);
  });

  it('given a fee of zero from the diagram, when the step runs, then the process records an incident naming the field, nothing is stored', async () => {
    const xml = fixture('fee-payment').replace('name="fee" value="1600"', 'name="fee" value="0"').replace(/fee-payment/g, 'fee-zero');
    await engine.deploy('fee-zero', xml);
    const caseId = randomUUID();
    await ds.query(
      `insert into case_file (id, code, procedure_key, procedure_title, office, citizen_fiscal_code, citizen_name, status, data, submitted_at, legal_days, legal_deadline)
       values ($1, $2, 'fee-zero', 'Zero', 'suap', 'RSSMRA80A01H501U', 'Mario Rossi', 'inviata', '{}', now(), 30, current_date + 30)`,
      [caseId, `ZERO-${caseId.slice(0, 8)}`],
    );
    await engine.startProcess('fee-zero', { caseId }).catch(() => undefined);
    expect(await paymentOf(caseId)).toBeUndefined();
    const incidents = await ds.query(`select * from engine_incident`).catch(() => []);
    expect(JSON.stringify(incidents)).toContain('PAYMENT_INVALID');
  });
});
