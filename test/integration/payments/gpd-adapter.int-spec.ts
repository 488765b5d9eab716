import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import request from 'supertest';
import {
  buildDebtPosition,
  DebtPosition,
  GpdHttpAdapter,
  NavAllocator,
  PaymentGatewayUnauthorizedException,
  PaymentGatewayUnavailableException,
  PaymentInvalidException,
  PaymentNoticeNotPayableException,
  PaymentPositionConflictException,
  PaymentPositionNotFoundException,
} from '../../../src/modules/payments';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';

const EC = '01234567890';
const KEY = 'dev-gpd-key-0123456789';
const creditor = { fiscalCode: EC, name: 'Comune di Prova', iban: 'IT60X0542811101000000123456', category: '9/0101100IM/' };
const mario = { fiscalCode: 'RSSMRA80A01H501U', fullName: 'Mario Rossi', email: 'mario@example.it' };

describe(`GPD + Checkout HTTP adapter against the development pagoPA, over real HTTP, on ${databaseLabel()}`, () => {
  const config = testConfig({ PAYMENTS_ADAPTER: 'fake', PAGOPA_GPD_KEY: KEY, PAGOPA_EC_FISCAL_CODE: EC, PUBLIC_BASE_URL: 'http://portale.example.it' });
  let t: TestApp;
  let gpd: GpdHttpAdapter;
  let base: string;
  let navs: NavAllocator;
  const year = new Date().getFullYear();
  const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);
  const fee = async (over: Partial<Parameters<typeof buildDebtPosition>[1]> = {}): Promise<DebtPosition> =>
    buildDebtPosition(creditor, { debtor: mario, amount: 1600, description: 'Occupazione suolo pubblico - pratica OSP-1', nav: await navs.next(EC, '01', year), dueDate: inDays(30), ...over });

  beforeAll(async () => {
    t = await startTestApp(config);
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}/dev-pagopa`;
    gpd = new GpdHttpAdapter({ baseUrl: base, gpdKey: KEY, checkoutKey: KEY, timeoutMs: 5000 });
    navs = t.app.get(NavAllocator);
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  it('given a fee, when it is created and published, then GPD answers it VALID with its NAV, and reads it back', async () => {
    // given
    const position = await fee();
    // when
    const created = await gpd.createPosition(EC, position, true);
    // then
    expect(created.status).toBe('VALID');
    expect(created.paymentOption[0]).toEqual(expect.objectContaining({ iuv: position.paymentOption[0].iuv, nav: `3${position.paymentOption[0].iuv}`, amount: 1600, status: 'PO_UNPAID' }));
    expect((await gpd.getPosition(EC, position.iupd)).iupd).toBe(position.iupd);
  });

  it('given transfers that do not sum and a due date before validity, when created, then PAYMENT_INVALID names both fields', async () => {
    // given
    const position = await fee({ validityDate: inDays(10), dueDate: inDays(5) });
    position.paymentOption[0].transfer[0].amount = 1500;
    // when
    const attempt = gpd.createPosition(EC, position, true);
    // then
    await expect(attempt).rejects.toBeInstanceOf(PaymentInvalidException);
    const fields = await attempt.catch((e: PaymentInvalidException) => e.details.fieldErrors!.map((f) => f.field));
    expect(fields).toEqual(expect.arrayContaining(['paymentOption[0].transfer', 'paymentOption[0].dueDate']));
  });

  it('given a malformed IUV, when created, then the field is named', async () => {
    const position = await fee();
    position.paymentOption[0].iuv = '01202600000000199';
    await expect(gpd.createPosition(EC, position, false)).rejects.toMatchObject({ code: 'PAYMENT_INVALID', details: { fieldErrors: [expect.objectContaining({ field: 'paymentOption[0].iuv' })] } });
  });

  it('given a stored position, when the same IUPD or the same IUV comes again, then 409 and nothing else is stored', async () => {
    // given
    const position = await fee();
    await gpd.createPosition(EC, position, true);
    // when / then
    await expect(gpd.createPosition(EC, position, true)).rejects.toBeInstanceOf(PaymentPositionConflictException);
    const sameIuv = { ...position, iupd: `${EC}-other-${Date.now()}` };
    await expect(gpd.createPosition(EC, sameIuv, true)).rejects.toBeInstanceOf(PaymentPositionConflictException);
    await expect(gpd.getPosition(EC, sameIuv.iupd)).rejects.toBeInstanceOf(PaymentPositionNotFoundException);
  });

  it('given a draft, when published then invalidated, then it goes DRAFT → VALID → INVALID and cannot be paid or published again', async () => {
    // given
    const position = await fee();
    expect((await gpd.createPosition(EC, position, false)).status).toBe('DRAFT');
    // when
    expect((await gpd.publish(EC, position.iupd)).status).toBe('VALID');
    expect((await gpd.invalidate(EC, position.iupd)).status).toBe('INVALID');
    // then
    await expect(gpd.publish(EC, position.iupd)).rejects.toBeInstanceOf(PaymentPositionConflictException);
    const paid = await request(base.replace('/dev-pagopa', '')).post(`/dev-pagopa/avvisi/3${position.paymentOption[0].iuv}/paga`);
    expect(paid.status).toBe(409);
    expect(paid.body.code).toBe('PAYMENT_NOTICE_NOT_PAYABLE');
  });

  it('given a validity date in the future, when published, then it stays PUBLISHED and is not payable yet', async () => {
    const position = await fee({ validityDate: inDays(2), dueDate: inDays(30) });
    expect((await gpd.createPosition(EC, position, true)).status).toBe('PUBLISHED');
    const res = await request(base.replace('/dev-pagopa', '')).post(`/dev-pagopa/avvisi/3${position.paymentOption[0].iuv}/paga`);
    expect(res.status).toBe(409);
  });

  it('given a due date that passes, when read, then the position is EXPIRED and the notice not payable', async () => {
    // given
    const position = await fee({ dueDate: new Date(Date.now() + 300) });
    await gpd.createPosition(EC, position, true);
    // when
    await new Promise((r) => setTimeout(r, 600));
    // then
    expect((await gpd.getPosition(EC, position.iupd)).status).toBe('EXPIRED');
    const res = await request(base.replace('/dev-pagopa', '')).post(`/dev-pagopa/avvisi/3${position.paymentOption[0].iuv}/paga`);
    expect(res.status).toBe(409);
  });

  it('given a fee with a marca da bollo, when created, then the stamp is a second transfer and the option sums both', async () => {
    const hash = createHash('sha256').update('istanza').digest('base64');
    const position = await fee({ stamp: { amount: 1600, hashDocument: hash, stampType: '01', provincialResidence: 'VE' } });
    const created = await gpd.createPosition(EC, position, true);
    expect(created.paymentOption[0].amount).toBe(3200);
    expect(created.paymentOption[0].transfer[1]).toEqual(expect.objectContaining({ idTransfer: '2', amount: 1600, stamp: { hashDocument: hash, stampType: '01', provincialResidence: 'VE' } }));
    const bad = await fee({ stamp: { amount: 1600, hashDocument: 'nope', stampType: '01', provincialResidence: 'VE' } });
    await expect(gpd.createPosition(EC, bad, true)).rejects.toMatchObject({ details: { fieldErrors: [expect.objectContaining({ field: 'paymentOption[0].transfer[1].stamp.hashDocument' })] } });
  });

  it('given two notices, when paid through a Checkout cart, then the payer returns to the OK URL, receipts exist once, and paying again is refused', async () => {
    // given
    const a = await fee();
    const b = await fee({ amount: 2500 });
    await gpd.createPosition(EC, a, true);
    await gpd.createPosition(EC, b, true);
    const from = new Date(Date.now() - 1000).toISOString();
    const notice = (p: DebtPosition) => ({ noticeNumber: `3${p.paymentOption[0].iuv}`, fiscalCode: EC, amount: p.paymentOption[0].amount, companyName: creditor.name, description: 'Canone' });
    const returnUrls = { returnOkUrl: 'http://portale.example.it/ok', returnCancelUrl: 'http://portale.example.it/annullato', returnErrorUrl: 'http://portale.example.it/errore' };
    // when
    const location = await gpd.createCart({ paymentNotices: [notice(a), notice(b)], returnUrls });
    const path = new URL(location).pathname;
    const page = await request(base.replace('/dev-pagopa', '')).get(path);
    const done = await request(base.replace('/dev-pagopa', '')).post(`${path}/paga`);
    // then
    expect(page.status).toBe(200);
    expect(page.text).toContain('41,00');
    expect(page.text).not.toMatch(/<script/i);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(returnUrls.returnOkUrl);
    expect((await gpd.getPosition(EC, a.iupd)).status).toBe('PAID');
    const receipts = (await gpd.listReceipts(EC, { from, to: new Date(Date.now() + 1000).toISOString(), limit: 100 })).filter((r) => [a, b].some((p) => p.paymentOption[0].iuv === r.iuv));
    expect(receipts.map((r) => r.amount).sort()).toEqual([1600, 2500]);
    expect((await gpd.getReceipt(EC, a.paymentOption[0].iuv)).debtorFiscalCode).toBe(mario.fiscalCode);
    const again = await request(base.replace('/dev-pagopa', '')).post(`/dev-pagopa/avvisi/3${a.paymentOption[0].iuv}/paga`);
    expect(again.status).toBe(409);
    expect((await request(base.replace('/dev-pagopa', '')).post(`${path}/paga`)).status).toBe(409);
  });

  it('given a cart of six notices or a malformed NAV, when created, then PAYMENT_INVALID names the field', async () => {
    const n = { noticeNumber: '301202600000000103', fiscalCode: EC, amount: 100, companyName: 'C', description: 'd' };
    const urls = { returnOkUrl: 'http://x.it/ok', returnCancelUrl: 'http://x.it/ko', returnErrorUrl: 'http://x.it/err' };
    await expect(gpd.createCart({ paymentNotices: Array(6).fill(n), returnUrls: urls })).rejects.toMatchObject({ details: { fieldErrors: [{ field: 'paymentNotices', message: expect.any(String) }] } });
    await expect(gpd.createCart({ paymentNotices: [{ ...n, noticeNumber: '301202600000000104' }], returnUrls: urls })).rejects.toMatchObject({ details: { fieldErrors: [expect.objectContaining({ field: 'paymentNotices[0].noticeNumber' })] } });
  });

  it('given a cart, when the payer cancels, then they return to the cancel URL and nothing is paid', async () => {
    const a = await fee();
    await gpd.createPosition(EC, a, true);
    const returnUrls = { returnOkUrl: 'http://x.it/ok', returnCancelUrl: 'http://x.it/annullato', returnErrorUrl: 'http://x.it/errore' };
    const location = await gpd.createCart({ paymentNotices: [{ noticeNumber: `3${a.paymentOption[0].iuv}`, fiscalCode: EC, amount: 1600, companyName: 'C', description: 'd' }], returnUrls });
    const res = await request(base.replace('/dev-pagopa', '')).post(`${new URL(location).pathname}/annulla`);
    expect(res.headers.location).toBe(returnUrls.returnCancelUrl);
    expect((await gpd.getPosition(EC, a.iupd)).status).toBe('VALID');
  });

  it('given a wrong subscription key, when calling GPD, then PAYMENT_GATEWAY_UNAUTHORIZED', async () => {
    const wrong = new GpdHttpAdapter({ baseUrl: base, gpdKey: 'not-the-key-000', checkoutKey: 'x', timeoutMs: 5000 });
    await expect(wrong.getPosition(EC, 'whatever')).rejects.toBeInstanceOf(PaymentGatewayUnauthorizedException);
  });

  it('given GPD unreachable, when calling, then PAYMENT_GATEWAY_UNAVAILABLE (the retryable one)', async () => {
    const down = new GpdHttpAdapter({ baseUrl: 'http://127.0.0.1:9/dev-pagopa', gpdKey: KEY, checkoutKey: KEY, timeoutMs: 2000 });
    await expect(down.getPosition(EC, 'x')).rejects.toBeInstanceOf(PaymentGatewayUnavailableException);
  });

  it('given parallel allocations, when numbering notices, then each NAV is distinct, consecutive and check-digit valid', async () => {
    // when
    const got = await Promise.all(Array.from({ length: 12 }, () => navs.next('99999999999', '01', 2026)));
    // then
    const sequences = got.map((n) => Number(n.slice(7, 16))).sort((x, y) => x - y);
    expect(sequences).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(got).toContain('301202600000000103');
  });
});
