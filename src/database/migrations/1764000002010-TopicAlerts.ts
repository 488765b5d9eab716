import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Targeted alerts (issue 12 §2, Crema): citizens subscribe to topics in the personal area; an
 * administrator sends a message to a topic, fanned out in one transaction into one
 * notification_outbox row per subscriber (alert_id set), so each recipient has its own channel,
 * status, retries and IO id. alert_throttle is the shared budget (ALERTS_RATE_PER_SECOND) every
 * app process draws from before claiming alert rows.
 */
export class TopicAlerts1764000002010 implements MigrationInterface {
  name = 'TopicAlerts1764000002010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table alert_subscription (
        fiscal_code text not null check (fiscal_code ~ '^[A-Z0-9]{16}$'),
        topic text not null check (topic ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        email text,
        created_at timestamptz not null default now(),
        primary key (fiscal_code, topic)
      )`);
    await q.query(`create index alert_subscription_topic_idx on alert_subscription (topic)`);
    await q.query(`
      create table topic_alert (
        id uuid primary key,
        topic text not null,
        subject text not null,
        body text not null,
        created_by text not null,
        recipients int not null check (recipients >= 0),
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index topic_alert_created_idx on topic_alert (created_at desc)`);
    await q.query(`alter table notification_outbox add column alert_id uuid references topic_alert (id)`);
    await q.query(`create index notification_outbox_alert_idx on notification_outbox (alert_id, status) where alert_id is not null`);
    await q.query(`create index notification_outbox_due_alert_idx on notification_outbox (next_attempt_at) where status = 'pending' and alert_id is not null`);
    await q.query(`
      create table alert_throttle (
        id int primary key check (id = 1),
        window_start timestamptz not null,
        used int not null check (used >= 0)
      )`);
    await q.query(`insert into alert_throttle (id, window_start, used) values (1, 'epoch', 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table alert_throttle`);
    await q.query(`drop index notification_outbox_due_alert_idx`);
    await q.query(`drop index notification_outbox_alert_idx`);
    await q.query(`delete from notification_outbox where alert_id is not null`);
    await q.query(`alter table notification_outbox drop column alert_id`);
    await q.query(`drop table topic_alert`);
    await q.query(`drop table alert_subscription`);
  }
}
