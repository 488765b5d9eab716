import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  answered: number;
}

/**
 * The receiver's side of Standard Webhooks, written from the documented check (not the
 * platform's code): HMAC-SHA256 keyed with the base64 after `whsec_`, over `id.timestamp.body`,
 * compared in constant time; timestamps more than `toleranceS` off and ids already accepted are refused.
 */
export class WebhookVerifier {
  private readonly seen = new Set<string>();

  constructor(
    private readonly secret: string,
    private readonly toleranceS = 300,
  ) {}

  verify(headers: Record<string, string>, body: string, nowS = Math.floor(Date.now() / 1000)): 'ok' | 'bad-signature' | 'stale' | 'replayed' {
    const id = headers['webhook-id'];
    const ts = Number(headers['webhook-timestamp']);
    if (!id || !Number.isInteger(ts) || Math.abs(nowS - ts) > this.toleranceS) return 'stale';
    const key = Buffer.from(this.secret.replace(/^whsec_/, ''), 'base64');
    const expected = createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest();
    const matches = (headers['webhook-signature'] ?? '').split(' ').some((sig) => {
      const [version, value] = sig.split(',');
      const given = Buffer.from(value ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!matches) return 'bad-signature';
    if (this.seen.has(id)) return 'replayed';
    this.seen.add(id);
    return 'ok';
  }
}

/** A real HTTP server on loopback that records what it receives and answers as told. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Status to answer with; `hang` never answers (the sender must time out). */
  answer: number | 'hang' = 200;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = this.answer;
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        this.received.push({ headers, body: Buffer.concat(chunks).toString('utf8'), answered: answer === 'hang' ? 0 : answer });
        if (answer === 'hang') return;
        res.statusCode = answer;
        res.end(answer >= 300 ? 'servizio non disponibile' : 'ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/sportello/webhook`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
