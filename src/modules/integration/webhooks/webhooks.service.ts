import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { FieldError, Page, PageRequest } from '../../../common';
import { APP_CONFIG, AppConfig } from '../../../config';
import { Transactions } from '../../../database';
import { WebhookInvalidException, WebhookNotFoundException, WebhookUrlNotAllowedException } from '../integration.exceptions';
import { WEBHOOK_MESSAGES as M } from '../integration.messages';
import { EVENT_TYPES, EventType } from '../integration.types';
import { ServiceAccountsService } from '../service-accounts.service';
import { newWebhookSecret } from './webhook-signature';
import { webhookUrlProblem } from './webhook-url';
import { WebhooksRepository } from './webhooks.repository';
import { CreatedWebhookSubscription, DeliveryStatus, WebhookDeliveryView, WebhookSubscriptionView } from './webhooks.types';

const KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'parked'];

/** Subscriptions of service accounts to event types, their deliveries and replays (administrators). */
@Injectable()
export class WebhooksService {
  private readonly repo: WebhooksRepository;

  constructor(
    tx: Transactions,
    private readonly accounts: ServiceAccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.repo = new WebhooksRepository(tx);
  }

  async subscribe(accountId: string, input: unknown, by: string): Promise<CreatedWebhookSubscription> {
    await this.accounts.get(accountId);
    const body = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
    const errors: FieldError[] = [];
    const list = (field: string, ok: (v: string) => boolean, message: string, required: boolean): string[] => {
      const v = body[field];
      if (v === undefined && !required) return [];
      if (!Array.isArray(v) || (required && v.length === 0) || v.some((x) => typeof x !== 'string' || !ok(x))) {
        errors.push({ field, message });
        return [];
      }
      return [...new Set(v as string[])];
    };
    const url = typeof body.url === 'string' ? body.url.trim() : '';
    if (!url) errors.push({ field: 'url', message: M.url['not-url'] });
    const types = list('types', (t) => (EVENT_TYPES as readonly string[]).includes(t), M.types + EVENT_TYPES.join(', '), true) as EventType[];
    const offices = list('offices', (o) => KEY.test(o), M.invalid, false);
    const procedures = list('procedures', (p) => KEY.test(p), M.invalid, false);
    if (errors.length) throw new WebhookInvalidException(errors);
    const problem = await webhookUrlProblem(url, this.config.WEBHOOKS_ALLOW_PRIVATE_URLS);
    if (problem) throw new WebhookUrlNotAllowedException(problem);
    const secret = newWebhookSecret();
    const view = await this.repo.insertSubscription({ id: randomUUID(), accountId, url, secret, types, offices, procedures, createdBy: by });
    return { ...view, secret };
  }

  async subscriptions(accountId: string): Promise<WebhookSubscriptionView[]> {
    await this.accounts.get(accountId);
    return this.repo.subscriptions(accountId);
  }

  async deliveries(accountId: string, subscriptionId: string, status: string | undefined, page: PageRequest): Promise<Page<WebhookDeliveryView>> {
    await this.subscription(accountId, subscriptionId);
    if (status !== undefined && status !== '' && !STATUSES.includes(status as DeliveryStatus)) throw new WebhookInvalidException([{ field: 'status', message: M.status }]);
    const { items, total } = await this.repo.deliveries(subscriptionId, (status || undefined) as DeliveryStatus | undefined, page.offset, page.pageSize);
    return { items, total, page: page.page, pageSize: page.pageSize };
  }

  async replay(accountId: string, subscriptionId: string, deliveryId: string, now = new Date()): Promise<WebhookDeliveryView> {
    await this.subscription(accountId, subscriptionId);
    const replayed = UUID.test(deliveryId) ? await this.repo.replay(subscriptionId, deliveryId, now) : undefined;
    if (!replayed) throw new WebhookNotFoundException('delivery', deliveryId);
    return replayed;
  }

  private async subscription(accountId: string, subscriptionId: string): Promise<WebhookSubscriptionView> {
    const found = (await this.subscriptions(accountId)).find((s) => s.id === subscriptionId);
    if (!found) throw new WebhookNotFoundException('subscription', subscriptionId);
    return found;
  }
}
