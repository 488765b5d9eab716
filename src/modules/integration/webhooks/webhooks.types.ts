import type { EventType } from '../integration.types';

export type DeliveryStatus = 'pending' | 'delivered' | 'parked';

export interface WebhookSubscriptionView {
  id: string;
  accountId: string;
  url: string;
  types: EventType[];
  offices: string[];
  procedures: string[];
  createdAt: Date;
}

/** As created: the only answer that carries the signing secret. */
export interface CreatedWebhookSubscription extends WebhookSubscriptionView {
  secret: string;
}

export interface WebhookDeliveryView {
  /** Also the `webhook-id` header: the same on every attempt, so receivers de-duplicate on it. */
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export interface ClaimedDelivery {
  id: string;
  url: string;
  secret: string;
  body: string;
  attempts: number;
  windowStartedAt: Date;
}

export interface WebhookDispatchReport {
  delivered: number;
  retried: number;
  parked: number;
}
