import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { buildDebtPosition, DebtPosition, GpdHttpAdapter, NavAllocator, ReceiptReconciler } from '../../../src/modules/payments';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';

const EC = '01234567890';
const KEY = 'dev-gpd-key-0123456789';
const RECEIPTS = `/dev-pagopa/gpd/payments-receipts-service/v1/payments/${EC}/receipts`;

/** Passes every call through to the app and records what the receipts adapter asked. */
function recordingProxy(): { server: Server; seen: URL[]; target: { url: string } } {
  const seen: URL[] = [];
  const target = { url: '' };
  const server = createServer(async (req, res) => {
    seen.push(new URL(req.url ?? '/', 'http://proxy'));
    const upstream = await fetch(`${target.url}${req.url}`, { method: req.method, headers: { 'ocp-apim-subscription-key': String(req.headers['ocp-apim-subscription-key'] ?? ''), accept: 'application/json' } });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await upstream.arrayBuffer()));
  });
  return { server, seen, target };
}

describe(`receipts polling with date filters and a high-water mark (gpd adapter → development pagoPA) on ${databaseLabel()}`, () => {
  const proxy = recordingProxy();
  let config: ReturnType<typeof testConfig>;
  let t: TestApp;
  let ds: DataSource;
  let direct: GpdHttpAdapter;
  let reconciler: ReceiptReconciler;
  const creditor = { fiscalCode: EC, name: 'Comune di Prova', iban: 'IT60X0542811101000000123456', category: '9/0101100IM/' };

  const paidNotice = async (amount: number): Promise<DebtPosition> => {
    const position = buildDebtPosition(creditor, {
      debtor: { fiscalCode: 'RSSMRA80A01H501U', fullName: 'Mario Rossi' },
      amount,
      description: 'Diritti',
      nav: await t.app.get(NavAllocator).next(EC, '01', new Date().getFullYear()),
      dueDate: new Date(Date.now() + 86_400_000),
    });
    await direct.createPosition(EC, position, true);
    await request(t.app.getHttpServer()).post(`/dev-pagopa/avvisi/3${position.paymentOption[0].iuv}/paga`).expect(200);
    return position;
  };
  const receiptReads = (from: number) => proxy.seen.slice(from).filter((u) => u.pathname.startsWith(`${RECEIPTS}/`)).map((u) => u.pathname.slice(RECEIPTS.length + 1));
  const mark = async () => new Date((await ds.query(`select polled_until from payment_reconciliation_cursor where org_fiscal_code = $1`, [EC]))[0].polled_until);

  beforeAll(async () => {
    await new Promise<void>((r) => proxy.server.listen(0, '127.0.0.1', r));
    config = testConfig({
      PAYMENTS_ADAPTER: 'gpd',
      DEV_PAGOPA_ENABLED: 'true',
      PAGOPA_API_BASE_URL: `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}/dev-pagopa`,
      PAGOPA_GPD_KEY: KEY,
      PAGOPA_EC_FISCAL_CODE: EC,
    });
    t = await startTestApp(config);
    await t.app.listen(0, '127.0.0.1');
    const appUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    proxy.target.url = appUrl;
    direct = new GpdHttpAdapter({ baseUrl: `${appUrl}/dev-pagopa`, gpdKey: KEY, checkoutKey: KEY, timeoutMs: 5000 });
    ds = t.app.get(DataSource);
    reconciler = t.app.get(ReceiptReconciler);
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await new Promise((r) => proxy.server.close(r));
    await dropTestSchema(config);
  });

  it('given a paid notice, when polled, then the list is asked with from/to dates, its receipt is read and logged, and the high-water mark moves to the poll time', async () => {
    // given
    const a = await paidNotice(700);
    const before = proxy.seen.length;
    const pollAt = new Date();
    // when
    const report = await reconciler.reconcile(pollAt);
    // then: no case owns it, so it is recorded and flagged
    expect(report).toEqual({ applied: 0, flagged: 1, seen: 0 });
    const list = proxy.seen.slice(before).find((u) => u.pathname === RECEIPTS)!;
    expect(list.searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(list.searchParams.get('to')).toBe(new Date(pollAt.getTime() + 86_400_000).toISOString().slice(0, 10));
    expect(receiptReads(before)).toEqual([a.paymentOption[0].iuv]);
    expect((await mark()).getTime()).toBe(pollAt.getTime());
  });

  it('given a second payment, when polled again, then only the new receipt is read: the one inside the overlap is known and not read again', async () => {
    // given
    const b = await paidNotice(900);
    const before = proxy.seen.length;
    // when
    const report = await reconciler.reconcile(new Date());
    // then
    expect(report).toEqual({ applied: 0, flagged: 1, seen: 0 });
    expect(receiptReads(before)).toEqual([b.paymentOption[0].iuv]);
    // and a poll with nothing new reads no receipt at all
    const quiet = proxy.seen.length;
    expect(await reconciler.reconcile(new Date())).toEqual({ applied: 0, flagged: 0, seen: 0 });
    expect(receiptReads(quiet)).toEqual([]);
  });

  it('given a receipt listed late, paid before the high-water mark but inside the overlap, when polled, then it is not lost', async () => {
    // given: pagoPA lists a receipt whose payment time is 5 minutes before the mark
    const late = new Date((await mark()).getTime() - 5 * 60_000);
    const iuv = `01${String(Date.now()).slice(-15)}`;
    await ds.query(`insert into dev_pagopa_receipt (receipt_id, org_fiscal_code, iuv, amount, debtor_fiscal_code, paid_at) values ('late-receipt', $1, $2, 300, 'RSSMRA80A01H501U', $3)`, [EC, iuv, late]);
    // when
    const report = await reconciler.reconcile(new Date());
    // then
    expect(report.flagged).toBe(1);
    expect(await ds.query(`select receipt_id, outcome from payment_receipt_log where receipt_id = 'late-receipt'`)).toEqual([{ receipt_id: 'late-receipt', outcome: 'unknown-notice' }]);
  });

  it('given the development pagoPA, when its list is asked with day filters, then it answers only those days, page by page, and names a bad filter', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const api = () => request(t.app.getHttpServer()).get(RECEIPTS).set('Ocp-Apim-Subscription-Key', KEY);
    const all = (await api().query({ from: today, to: today, limit: 2 }).expect(200)).body;
    expect(all.receipts_list).toHaveLength(2);
    expect(all.page_info).toMatchObject({ page: 0, limit: 2, more_pages: true });
    expect((await api().query({ from: today, to: today, limit: 2, page: 1 }).expect(200)).body.page_info.more_pages).toBe(false);
    expect((await api().query({ from: '2020-01-01', to: '2020-01-31' }).expect(200)).body.receipts_list).toEqual([]);
    const bad = await api().query({ from: '30/11/2026', to: '2020-02-30', limit: 0 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'limit', 'to']);
    expect((await api().query({ from: today, to: '2020-01-01' }).expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
  });
});
