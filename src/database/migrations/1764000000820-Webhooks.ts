import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook subscriptions of service accounts and their delivery outbox. A delivery row is written
 * in the transaction that records the event (so it exists if and only if the change commits),
 * then sent by a dispatcher outside any request; retried with backoff, parked after the retry
 * window with its last error, replayable by an administrator. Deliveries are attempted in the
 * order they were written (best effort: the ordered, gapless source is the event feed). The signing secret must be kept
 * readable to sign (Standard Webhooks, HMAC-SHA256).
 */
export class Webhooks1764000000820 implements MigrationInterface {
  name = 'Webhooks1764000000820';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table webhook_subscription (
        id uuid primary key,
        account_id uuid not null references service_account (id),
        url text not null,
        secret text not null,
        event_types text[] not null,
        offices text[] not null default '{}',
        procedures text[] not null default '{}',
        created_by text not null,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index webhook_subscription_account_idx on webhook_subscription (account_id)`);
    await q.query(`
      create table webhook_delivery (
        id uuid primary key,
        ordinal bigint generated always as identity,
        subscription_id uuid not null references webhook_subscription (id),
        event_id uuid not null,
        event_type text not null,
        body text not null,
        status text not null default 'pending' check (status in ('pending', 'delivered', 'parked')),
        attempts int not null default 0,
        window_started_at timestamptz not null default now(),
        next_attempt_at timestamptz not null default now(),
        locked_until timestamptz,
        last_error text,
        last_status int,
        delivered_at timestamptz,
        created_at timestamptz not null default now(),
        unique (subscription_id, event_id)
      )`);
    await q.query(`create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at, ordinal) where status = 'pending'`);
    await q.query(`create index webhook_delivery_subscription_idx on webhook_delivery (subscription_id, ordinal)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table webhook_delivery`);
    await q.query(`drop table webhook_subscription`);
  }
}
