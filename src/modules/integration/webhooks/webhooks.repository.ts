import { Transactions } from '../../../database';
import type { EventType, IntegrationEvent } from '../integration.types';
import { ClaimedDelivery, DeliveryStatus, WebhookDeliveryView, WebhookSubscriptionView } from './webhooks.types';

const MAX_ERROR = 2000;

interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

const deliveryView = (r: DeliveryRow): WebhookDeliveryView => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  eventId: r.event_id,
  eventType: r.event_type,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastStatus: r.last_status,
  lastError: r.last_error,
  deliveredAt: r.delivered_at,
  createdAt: r.created_at,
});

/** SQL of subscriptions and the delivery outbox; claims and outcomes run autocommitted, outside any caller's transaction. */
export class WebhooksRepository {
  constructor(private readonly tx: Transactions) {}

  async insertSubscription(s: { id: string; accountId: string; url: string; secret: string; types: EventType[]; offices: string[]; procedures: string[]; createdBy: string }): Promise<WebhookSubscriptionView> {
    const [row] = (await this.tx.manager().query(
      `insert into webhook_subscription (id, account_id, url, secret, event_types, offices, procedures, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id, account_id, url, event_types, offices, procedures, created_at`,
      [s.id, s.accountId, s.url, s.secret, s.types, s.offices, s.procedures, s.createdBy],
    )) as Array<{ id: string; account_id: string; url: string; event_types: EventType[]; offices: string[]; procedures: string[]; created_at: Date }>;
    return { id: row.id, accountId: row.account_id, url: row.url, types: row.event_types, offices: row.offices, procedures: row.procedures, createdAt: row.created_at };
  }

  async subscriptions(accountId: string): Promise<WebhookSubscriptionView[]> {
    const rows = (await this.tx.manager().query(
      `select id, account_id, url, event_types, offices, procedures, created_at from webhook_subscription where account_id = $1 order by created_at, id`,
      [accountId],
    )) as Array<{ id: string; account_id: string; url: string; event_types: EventType[]; offices: string[]; procedures: string[]; created_at: Date }>;
    return rows.map((r) => ({ id: r.id, accountId: r.account_id, url: r.url, types: r.event_types, offices: r.offices, procedures: r.procedures, createdAt: r.created_at }));
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    const [rows] = (await this.tx.dataSource.query(
      `update webhook_delivery d set locked_until = $2, attempts = d.attempts + 1
         from webhook_subscription s
        where s.id = d.subscription_id and d.id in (
              select id from webhook_delivery
               where status = 'pending' and next_attempt_at <= $1 and (locked_until is null or locked_until <= $1)
               order by next_attempt_at, ordinal limit $3 for update skip locked)
        returning d.id, d.ordinal, s.url, s.secret, d.body, d.attempts, d.window_started_at`,
      [now, leaseUntil, limit],
    )) as [Array<{ id: string; ordinal: string; url: string; secret: string; body: string; attempts: number; window_started_at: Date }>, number];
    // RETURNING follows no order: send in the order the deliveries were written.
    rows.sort((a, b) => Number(a.ordinal) - Number(b.ordinal));
    return rows.map((r) => ({ id: r.id, url: r.url, secret: r.secret, body: r.body, attempts: r.attempts, windowStartedAt: r.window_started_at }));
  }

  async markDelivered(d: ClaimedDelivery, status: number, at: Date): Promise<boolean> {
    return this.finish(`status = 'delivered', delivered_at = $3, last_status = $4, last_error = null`, d, [at, status]);
  }

  async markRetry(d: ClaimedDelivery, next: Date, status: number | null, error: string): Promise<boolean> {
    return this.finish(`next_attempt_at = $3, last_status = $4, last_error = $5`, d, [next, status, error.slice(0, MAX_ERROR)]);
  }

  async markParked(d: ClaimedDelivery, status: number | null, error: string): Promise<boolean> {
    return this.finish(`status = 'parked', last_status = $3, last_error = $4`, d, [status, error.slice(0, MAX_ERROR)]);
  }

  async deliveries(subscriptionId: string, status: DeliveryStatus | undefined, offset: number, limit: number): Promise<{ items: WebhookDeliveryView[]; total: number }> {
    const em = this.tx.manager();
    const rows: DeliveryRow[] = await em.query(
      `select * from webhook_delivery where subscription_id = $1 and ($2::text is null or status = $2) order by ordinal limit $3 offset $4`,
      [subscriptionId, status ?? null, limit, offset],
    );
    const [{ total }] = (await em.query(`select count(*)::int as total from webhook_delivery where subscription_id = $1 and ($2::text is null or status = $2)`, [subscriptionId, status ?? null])) as Array<{ total: number }>;
    return { items: rows.map(deliveryView), total };
  }

  /** Back to pending, due now, with a fresh retry window; a delivery already delivered is sent again too. */
  async replay(subscriptionId: string, deliveryId: string, now: Date): Promise<WebhookDeliveryView | undefined> {
    const [rows] = (await this.tx.dataSource.query(
      `update webhook_delivery set status = 'pending', attempts = 0, next_attempt_at = $3, window_started_at = $3, locked_until = null, delivered_at = null
        where id = $1 and subscription_id = $2 returning *`,
      [deliveryId, subscriptionId, now],
    )) as [DeliveryRow[], number];
    return rows[0] ? deliveryView(rows[0]) : undefined;
  }

  private async finish(set: string, d: ClaimedDelivery, params: unknown[]): Promise<boolean> {
    const [, affected] = (await this.tx.dataSource.query(
      `update webhook_delivery set ${set}, locked_until = null where id = $1 and attempts = $2 and status = 'pending'`,
      [d.id, d.attempts, ...params],
    )) as [unknown, number];
    return affected === 1;
  }
}
