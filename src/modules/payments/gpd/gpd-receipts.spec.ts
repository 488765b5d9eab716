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
  };
  const server = createServer((req, res) => {
    seen.push(req);
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === BASE) {
      // two per page, as the service pages with `page` (from 0) and `limit`
      const page = Number(url.searchParams.get('page') ?? 0);
      const iuvs = Object.keys(xml).slice(page * 2, page * 2 + 2);
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ receipts_list: iuvs.map((iuv) => ({ organizationFiscalCode: ORG, iuv, debtorFiscalCode: 'FRRGLI90C41L736Q' })), page_info: { page, limit: 2, items_found: iuvs.length, more_pages: page * 2 + 2 < Object.keys(xml).length } }),
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

  it('given the list over two pages, when polled from a time with a limit, then every page is followed, each receipt read, and those from that time come oldest first, up to the limit', async () => {
    const before = svc.seen.length;
    const receipts = await adapter.listReceipts(ORG, '2026-11-30T00:00:00.000Z', 10);
    expect(receipts.map((r) => [r.receiptId, r.amount])).toEqual([['r-early', 31240], ['r-late', 4800]]);
    expect(svc.seen.slice(before).filter((r) => new URL(r.url ?? '/', 'http://x').pathname === BASE).map((r) => new URL(r.url ?? '/', 'http://x').searchParams.get('page'))).toEqual(['0', '1']);
    expect((await adapter.listReceipts(ORG, '2026-11-30T00:00:00.000Z', 1)).map((r) => r.receiptId)).toEqual(['r-early']);
  });

  it('given an unknown IUV, when read, then PAYMENT_RECEIPT_NOT_FOUND', async () => {
    await expect(adapter.getReceipt(ORG, '01202600000000999')).rejects.toMatchObject({ code: 'PAYMENT_RECEIPT_NOT_FOUND' });
  });
});
