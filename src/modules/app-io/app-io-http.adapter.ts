import { randomUUID } from 'node:crypto';
import type { FieldError } from '../../common';
import { AppIoPort, AppIoRejectedError, AppIoUnavailableError, IO_MESSAGE_STATUSES, IoMessageStatus, IoNewMessage, IoProfile } from './app-io.port';
import { ioMessageBody } from './app-io.validation';

export interface AppIoHttpOptions {
  /** e.g. https://api.io.pagopa.it/api/v1 (or http://127.0.0.1:<port>/dev-io/api/v1). */
  baseUrl: string;
  /** Ocp-Apim-Subscription-Key of the Comune's IO service. */
  apiKey: string | undefined;
  timeoutMs: number;
}

interface ProblemJson {
  title?: string;
  detail?: string;
  errors?: FieldError[];
}

/**
 * App IO over HTTP (IO "services" API v1): POST /profiles {fiscal_code} for the profile
 * (404: not on IO), POST /messages, GET /messages/{fiscal_code}/{id}; every call carries the
 * service's Ocp-Apim-Subscription-Key. 4xx other than 429 is a refusal (AppIoRejectedError);
 * 429, 5xx, network failures and timeouts are AppIoUnavailableError, which says whether the
 * request may have been acted on (see its `outcomeUnknown`).
 */
export class AppIoHttpAdapter implements AppIoPort {
  constructor(private readonly options: AppIoHttpOptions) {}

  async profile(fiscalCode: string): Promise<IoProfile | null> {
    const res = await this.call('POST', '/profiles', { fiscal_code: fiscalCode }, true);
    if (res.status === 404) return null;
    const body = (await res.json()) as { sender_allowed?: unknown };
    return { senderAllowed: body.sender_allowed === true };
  }

  async submitMessage(message: IoNewMessage): Promise<{ id: string }> {
    const res = await this.call('POST', '/messages', ioMessageBody(message), false);
    const body = (await res.json()) as { id?: unknown };
    if (typeof body.id !== 'string' || body.id === '') throw new AppIoUnavailableError('IO accepted the message without an id', true, res.status);
    return { id: body.id };
  }

  async messageStatus(fiscalCode: string, id: string): Promise<IoMessageStatus> {
    const res = await this.call('GET', `/messages/${encodeURIComponent(fiscalCode)}/${encodeURIComponent(id)}`, undefined, true);
    const body = (await res.json()) as { status?: unknown };
    const status = IO_MESSAGE_STATUSES.find((s) => s === body.status);
    if (!status) throw new AppIoUnavailableError(`IO answered an unknown message status: ${String(body.status)}`, false, res.status);
    return status;
  }

  /**
   * One request. `safe` calls (reads, the profile check) have no effect at IO, so a lost answer
   * is never an unknown outcome; for POST /messages a timeout, a dropped connection or a 504 is.
   * A 404 is returned to the caller (a profile's "not on IO"); other 4xx are thrown.
   */
  private async call(method: 'GET' | 'POST', path: string, body: unknown, safe: boolean): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers: {
          ...(this.options.apiKey ? { 'Ocp-Apim-Subscription-Key': this.options.apiKey } : {}),
          'X-Request-Id': randomUUID(),
          Accept: 'application/json',
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'error',
      });
    } catch (e: unknown) {
      const reason = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      // A refused connection never reached IO; anything else (timeout, reset) may have.
      const refused = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(String((e as { cause?: { code?: unknown } }).cause?.code ?? ''));
      throw new AppIoUnavailableError(`IO ${method} ${path}: ${reason}`, !safe && !refused);
    }
    if (res.ok) return res;
    if (res.status === 404 && path === '/profiles') return res;
    const problem = (await res.json().catch(() => ({}))) as ProblemJson;
    const text = `IO ${method} ${path}: ${res.status} ${problem.title ?? res.statusText}${problem.detail ? ` (${problem.detail})` : ''}`;
    if (res.status === 429 || res.status >= 500) throw new AppIoUnavailableError(text, !safe && res.status === 504, res.status);
    throw new AppIoRejectedError(res.status, text, Array.isArray(problem.errors) ? problem.errors : []);
  }
}
