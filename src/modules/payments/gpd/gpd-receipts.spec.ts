import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GpdHttpAdapter } from './gpd-http.adapter';

const ORG = '01234567890';
const BASE = `/gpd/payments-receipts-service/v1/payments/${ORG}/receipts`;

const receiptXml = (receiptId: string, iuv: string, amount: string, at: string) => `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pafn="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd"><soapenv:Body>
<pafn:paSendRTReq><idPA>${ORG}</idPA><receipt><receiptId>${receiptId}</receiptId><noticeNumber>3${iuv}</noticeNumber><fiscalCode>${ORG}</fiscalCode>
<outcome>OK</outcome><creditorReferenceId>${iuv}</creditorReferenceId><paymentAmount>${amount}</paymentAmount>
<debtor><uniqueIdentifier><entityUniqueIdentifierType>F</entityUniqueIdentifierType><entityUniqueIdentifierValue>FRRGLI90C41L736Q</entityUniqueIdentifierValue></uniqueIdentifier><fullName>Giulia Ferrari</fullName></debtor>
<paymentDateTime>${at}</paymentDateTime></receipt></pafn:paSendRTReq></soapenv:Body></soapenv:Envelope>`;

/** The receipts service's real shapes: a JSON list of {organizationFiscalCode, iuv, debtorFiscalCode}, each receipt as XML. */
function receiptsService(): { server: Server; seen: IncomingMessage[] } {
  const seen: IncomingMessage[] = [];
  const xml: Record<string, string> = {
    '01202600000000204': receiptXml('r-late', '01202600000000204', '48.00', '2026-11-30T12:00:00'),
    '01202600000000103': receiptXml('r-early', '01202600000000103', '312.40', '2026-11-30T10:15:00'),
    '01202600000000305': receiptXml('r-old', '01202600000000305', '10', '2026-11-01T09:00:00'),
    '01202600000000406': receiptXml('r-evening', '01202600000000406', '5', '2026-11-29T23:30:00'),
  };
  const days: Record<string, string> = { '01202600000000204': '2026-11-30', '01202600000000103': '2026-11-30', '01202600000000305': '2026-11-01', '01202600000000406': '2026-11-29' };
  const server = createServer((req, res) => {
    seen.push(req);
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === BASE) {
      // two per page, as the service pages with `page` (from 0) and `limit`; `from`/`to` are days, both included
      const page = Number(url.searchParams.get('page') ?? 0);
      const from = url.searchParams.get('from') ?? '0000-00-00';
      const to = url.searchParams.get('to') ?? '9999-99-99';
      const inWindow = Object.keys(xml).filter((iuv) => days[iuv] >= from && days[iuv] <= to);
      const iuvs = inWindow.slice(page * 2, page * 2 + 2);
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ receipts_list: iuvs.map((iuv) => ({ organizationFiscalCode: ORG, iuv, debtorFiscalCode: 'FRRGLI90C41L736Q' })), page_info: { page, limit: 2, items_found: iuvs.length, more_pages: page * 2 + 2 < inWindow.length } }),
      );
      return;
    }
    const iuv = url.pathname.slice(BASE.length + 1);
    if (xml[iuv]) res.writeHead(200, { 'content-type': 'application/xml' }).end(xml[iuv]);
    else res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ title: 'Not Found', status: 404, detail: 'No receipt found' }));
  });
  return { server, seen };
}

describe('GpdHttpAdapter receipts against the receipts service shapes (JSON list, XML receipt), over HTTP', () => {
  const svc = receiptsService();
  let adapter: GpdHttpAdapter;

  beforeAll(async () => {
    await new Promise<void>((ok) => svc.server.listen(0, '127.0.0.1', ok));
    adapter = new GpdHttpAdapter({ baseUrl: `http://127.0.0.1:${(svc.server.address() as AddressInfo).port}`, gpdKey: 'k'.repeat(16), checkoutKey: 'k'.repeat(16), timeoutMs: 5000 });
  });
  afterAll(() => new Promise((ok) => svc.server.close(ok)));

  it('given an XML receipt, when read by IUV, then it maps to the port Receipt, asking with the subscription key and accepting XML', async () => {
    expect(await adapter.getReceipt(ORG, '01202600000000103')).toEqual({
      receiptId: 'r-early',
      organizationFiscalCode: ORG,
      iuv: '01202600000000103',
      noticeNumber: '301202600000000103',
      amount: 31240,
      debtorFiscalCode: 'FRRGLI90C41L736Q',
      paymentDateTime: '2026-11-30T09:15:00.000Z',
    });
    const req = svc.seen.at(-1)!;
    expect(req.headers['ocp-apim-subscription-key']).toBe('k'.repeat(16));
    expect(req.headers.accept).toContain('application/xml');
  });

  const paths = (from: number) => svc.seen.slice(from).map((r) => new URL(r.url ?? '/', 'http://x'));
  const window = { from: '2026-11-30T00:00:00.000Z', to: '2026-11-30T18:00:00.000Z' };

  it('given a poll window, when listed, then the date filters are sent (UTC days, the end widened by a day) and the receipts paid inside the window come oldest first, up to the limit', async () => {
    const before = svc.seen.length;
    const receipts = await adapter.listReceipts(ORG, { ...window, limit: 10 });
    expect(receipts.map((r) => [r.receiptId, r.amount])).toEqual([['r-early', 31240], ['r-late', 4800]]);
    const lists = paths(before).filter((u) => u.pathname === BASE);
    expect(lists.map((u) => [u.searchParams.get('from'), u.searchParams.get('to'), u.searchParams.get('page')])).toEqual([
      ['2026-11-30', '2026-12-01', '0'],
    ]);
    // the receipt of 1 November is outside the filters: never read
    expect(paths(before).some((u) => u.pathname.endsWith('01202600000000305'))).toBe(false);
    expect((await adapter.listReceipts(ORG, { ...window, limit: 1 })).map((r) => r.receiptId)).toEqual(['r-early']);
  });

  it('given receipts the caller already holds, when polled, then they are not read again', async () => {
    const before = svc.seen.length;
    const receipts = await adapter.listReceipts(ORG, { ...window, limit: 10, known: new Set(['01202600000000103']) });
    expect(receipts.map((r) => r.receiptId)).toEqual(['r-late']);
    expect(paths(before).filter((u) => u.pathname !== BASE).map((u) => u.pathname.slice(BASE.length + 1))).toEqual(['01202600000000204']);
  });

  it('given a window starting late in a UTC day, when polled, then that day is listed page by page and only receipts inside the window are kept', async () => {
    // 2026-11-29T23:30 Rome is 22:30 UTC: inside a window from 22:00 UTC
    const before = svc.seen.length;
    const receipts = await adapter.listReceipts(ORG, { from: '2026-11-29T22:00:00.000Z', to: '2026-11-30T10:00:00.000Z', limit: 10 });
    expect(receipts.map((r) => r.receiptId)).toEqual(['r-evening', 'r-early']);
    // three listed over two pages, both followed
    expect(paths(before).filter((u) => u.pathname === BASE).map((u) => u.searchParams.get('page'))).toEqual(['0', '1']);
  });

  it('given an unknown IUV, when read, then PAYMENT_RECEIPT_NOT_FOUND', async () => {
    await expect(adapter.getReceipt(ORG, '01202600000000999')).rejects.toMatchObject({ code: 'PAYMENT_RECEIPT_NOT_FOUND' });
  });
});
