import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../../common/logging.module';
import { APP_CONFIG, AppConfig } from '../../../config';
import { Transactions } from '../../../database';
import { signWebhook } from './webhook-signature';
import { webhookUrlProblem } from './webhook-url';
import { WebhooksRepository } from './webhooks.repository';
import { ClaimedDelivery, WebhookDispatchReport } from './webhooks.types';

export const WEBHOOK_BATCH = 20;
const MAX_BACKOFF_MS = 3_600_000;

/**
 * Sends committed webhook deliveries, outside any request: claim (lease, SKIP LOCKED), POST with
 * Standard Webhooks headers, record the outcome fenced by the attempt number. A non-2xx answer,
 * a timeout or a refused address is retried with exponential backoff; once the retry window has
 * passed the delivery is parked with its last error, until an administrator replays it.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly repo: WebhooksRepository;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.repo = new WebhooksRepository(tx);
  }

  onApplicationBootstrap(): void {
    if (this.config.WEBHOOKS_ENABLED) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  async dispatchDue(now: Date = new Date()): Promise<WebhookDispatchReport> {
    const report: WebhookDispatchReport = { delivered: 0, retried: 0, parked: 0 };
    while (!this.stopped) {
      const claimed = await this.repo.claimDue(now, new Date(now.getTime() + this.config.WEBHOOKS_TIMEOUT_MS * 3), WEBHOOK_BATCH);
      for (const d of claimed) report[await this.deliver(d, now)]++;
      if (claimed.length < WEBHOOK_BATCH) break;
    }
    return report;
  }

  private async deliver(d: ClaimedDelivery, now: Date): Promise<keyof WebhookDispatchReport> {
    let status: number | null = null;
    let error: string;
    try {
      const problem = await webhookUrlProblem(d.url, this.config.WEBHOOKS_ALLOW_PRIVATE_URLS);
      if (problem) throw new Error(`subscriber URL refused: ${problem}`);
      const timestamp = Math.floor(Date.now() / 1000);
      const res = await fetch(d.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.WEBHOOKS_TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Sportello-Webhooks/1',
          'webhook-id': d.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(d.secret, d.id, timestamp, d.body),
        },
        body: d.body,
      });
      status = res.status;
      const answer = (await res.text().catch(() => '')).slice(0, 500);
      if (res.status >= 200 && res.status < 300) {
        await this.repo.markDelivered(d, res.status, new Date());
        return 'delivered';
      }
      error = `HTTP ${res.status}${answer ? `: ${answer}` : ''}`;
    } catch (e: unknown) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    if (now.getTime() - d.windowStartedAt.getTime() >= this.config.WEBHOOKS_RETRY_WINDOW_MS) {
      await this.repo.markParked(d, status, error);
      this.logger.warn({ deliveryId: d.id, attempts: d.attempts, error }, 'webhook delivery parked');
      return 'parked';
    }
    const delay = Math.min(this.config.WEBHOOKS_BACKOFF_MS * 2 ** Math.min(d.attempts - 1, 30), MAX_BACKOFF_MS);
    await this.repo.markRetry(d, new Date(now.getTime() + delay), status, error);
    return 'retried';
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.dispatchDue()
        .catch((e: unknown) => this.logger.error({ err: e }, 'webhook pass failed'))
        .finally(() => this.schedule(this.config.WEBHOOKS_POLL_MS));
    }, delay);
    this.timer.unref();
  }
}
