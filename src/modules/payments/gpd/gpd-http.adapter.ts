import { randomUUID } from 'node:crypto';
import type { FieldError } from '../../../common';
import {
  PaymentGatewayRejectedException,
  PaymentGatewayUnauthorizedException,
  PaymentGatewayUnavailableException,
  PaymentInvalidException,
  PaymentNoticeNotFoundException,
  PaymentNoticeNotPayableException,
  PaymentPositionConflictException,
  PaymentPositionNotFoundException,
} from '../payments.exceptions';
import { PAYMENTS_MESSAGES as M } from '../payments.messages';
import type { CartRequest, DebtPosition, PaymentsPort, Receipt, ReceiptQuery } from '../payments.port';
import { receiptFromXml } from './receipt-xml';

export interface GpdHttpOptions {
  /** Host of the APIs, e.g. https://api.uat.platform.pagopa.it (or http://127.0.0.1:<port>/dev-pagopa). */
  baseUrl: string;
  gpdKey: string;
  checkoutKey: string;
  timeoutMs: number;
}

interface ProblemJson {
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
}

type NotFound = (detail: string) => Error;

/** Bounds one poll of the receipts service's list (pages of `limit`). */
const MAX_RECEIPT_PAGES = 20;

/**
 * pagoPA over HTTP: GPD debt positions, the receipts service and Checkout carts, each call with
 * Ocp-Apim-Subscription-Key and an X-Request-Id. ProblemJson answers become coded exceptions;
 * 429, 5xx, timeouts and network failures become PAYMENT_GATEWAY_UNAVAILABLE, which callers retry.
 */
export class GpdHttpAdapter implements PaymentsPort {
  constructor(private readonly options: GpdHttpOptions) {}

  private gpd(org: string, rest: string): string {
    return `${this.options.baseUrl}/gpd/debt-positions-service/v1/organizations/${encodeURIComponent(org)}${rest}`;
  }

  async createPosition(org: string, position: DebtPosition, publish: boolean): Promise<DebtPosition> {
    const res = await this.call('POST', this.gpd(org, `/debtpositions?toPublish=${publish}`), position, () => new PaymentPositionNotFoundException(position.iupd));
    return (await res.json()) as DebtPosition;
  }

  async getPosition(org: string, iupd: string): Promise<DebtPosition> {
    const res = await this.call('GET', this.gpd(org, `/debtpositions/${encodeURIComponent(iupd)}`), undefined, () => new PaymentPositionNotFoundException(iupd));
    return (await res.json()) as DebtPosition;
  }

  async publish(org: string, iupd: string): Promise<DebtPosition> {
    const res = await this.call('POST', this.gpd(org, `/debtpositions/${encodeURIComponent(iupd)}/publish`), undefined, () => new PaymentPositionNotFoundException(iupd));
    return (await res.json()) as DebtPosition;
  }

  async invalidate(org: string, iupd: string): Promise<DebtPosition> {
    const res = await this.call('POST', this.gpd(org, `/debtpositions/${encodeURIComponent(iupd)}/invalidate`), undefined, () => new PaymentPositionNotFoundException(iupd));
    return (await res.json()) as DebtPosition;
  }

  async markPaid(org: string, nav: string): Promise<void> {
    await this.call('POST', this.gpd(org, `/paymentoptions/paids/${encodeURIComponent(nav)}`), {}, () => new PaymentNoticeNotFoundException(nav), (detail) => new PaymentNoticeNotPayableException(nav, detail));
  }

  async getReceipt(org: string, iuv: string): Promise<Receipt> {
    const url = `${this.options.baseUrl}/gpd/payments-receipts-service/v1/payments/${encodeURIComponent(org)}/receipts/${encodeURIComponent(iuv)}`;
    const res = await this.call('GET', url, undefined, () => new PaymentNoticeNotFoundException(`3${iuv}`, 'PAYMENT_RECEIPT_NOT_FOUND', M.receiptNotFound));
    // The receipts service answers the paSendRT XML; the development pagoPA answers the Receipt as JSON.
    if (/xml/i.test(res.headers.get('content-type') ?? '')) {
      try {
        return receiptFromXml(await res.text());
      } catch (e) {
        throw new PaymentGatewayRejectedException('unprocessable', res.status, (e as Error).message);
      }
    }
    return (await res.json()) as Receipt;
  }

  /**
   * One poll: the list is asked for with the service's `from`/`to` day filters around the window
   * (UTC days, widened by a day at the end so a service counting Italian days misses nothing),
   * followed page by page; receipts the caller already holds (`known`) are not read again, the
   * others are read (XML), kept when paid inside the window, oldest first, up to `limit`.
   */
  async listReceipts(org: string, query: ReceiptQuery): Promise<Receipt[]> {
    const known = query.known ?? new Set<string>();
    const fromMs = Date.parse(query.from);
    const toMs = Date.parse(query.to);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const listed: string[] = [];
    for (let page = 0; page < MAX_RECEIPT_PAGES; page++) {
      const params = new URLSearchParams({ from: day(fromMs), to: day(toMs + 86_400_000), page: String(page), limit: String(Math.min(Math.max(query.limit, 1), 500)) });
      const url = `${this.options.baseUrl}/gpd/payments-receipts-service/v1/payments/${encodeURIComponent(org)}/receipts?${params}`;
      const res = await this.call('GET', url, undefined, (d) => new PaymentGatewayRejectedException('not-found', 404, d));
      const body = (await res.json()) as { receipts_list?: Array<{ iuv?: unknown }>; page_info?: { more_pages?: boolean } };
      for (const r of body.receipts_list ?? []) if (typeof r.iuv === 'string' && !known.has(r.iuv)) listed.push(r.iuv);
      if (!body.page_info?.more_pages) break;
    }
    const receipts = await Promise.all([...new Set(listed)].map((iuv) => this.getReceipt(org, iuv)));
    return receipts
      .filter((r) => {
        const at = Date.parse(r.paymentDateTime);
        return at >= fromMs && at < toMs;
      })
      .sort((a, b) => Date.parse(a.paymentDateTime) - Date.parse(b.paymentDateTime) || a.receiptId.localeCompare(b.receiptId))
      .slice(0, query.limit);
  }

  async createCart(cart: CartRequest): Promise<string> {
    const res = await this.call('POST', `${this.options.baseUrl}/checkout/ec/v1/carts`, cart, (d) => new PaymentGatewayRejectedException('not-found', 404, d), undefined, this.options.checkoutKey);
    const location = res.headers.get('location');
    if (res.status !== 302 || !location) throw new PaymentGatewayUnavailableException(`Checkout answered ${res.status} without a Location`);
    return location;
  }

  private async call(method: string, url: string, body: unknown, notFound: NotFound, conflict?: (detail: string) => Error, key = this.options.gpdKey): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        redirect: 'manual',
        headers: {
          'Ocp-Apim-Subscription-Key': key,
          'X-Request-Id': randomUUID(),
          // The receipts service answers a receipt as XML only.
          Accept: 'application/json, application/xml;q=0.9',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (e) {
      throw new PaymentGatewayUnavailableException(`${method} ${url}: ${(e as Error).name}: ${(e as Error).message}`, { cause: e });
    }
    if (res.status < 400) return res;
    const problem = await problemOf(res);
    const detail = problem.detail ?? problem.title ?? `HTTP ${res.status}`;
    if (res.status === 429 || res.status >= 500) throw new PaymentGatewayUnavailableException(`${method} ${url}: ${res.status} ${detail}`);
    if (res.status === 401 || res.status === 403) throw new PaymentGatewayUnauthorizedException();
    if (res.status === 400) throw new PaymentInvalidException(problem.errors?.length ? problem.errors : [{ field: 'body', message: detail }]);
    if (res.status === 404) throw notFound(detail);
    if (res.status === 409) throw conflict ? conflict(detail) : new PaymentPositionConflictException(detail);
    throw new PaymentGatewayRejectedException(res.status === 422 ? 'unprocessable' : 'invalid', res.status, detail);
  }
}

async function problemOf(res: Response): Promise<ProblemJson> {
  try {
    const text = await res.text();
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as ProblemJson) : {};
  } catch {
    return {};
  }
}
