import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Citizen e-mails are rendered when sent, from the case as it is then (protocol number included),
 * not inside the transaction that queued them. A queued row keeps the event, the recipient, a
 * reference (case, item) and any fixed variables; subject and bodies are written at the first
 * attempt and resent unchanged by later ones.
 */
export class OutboxRenderAtSend1764000000120 implements MigrationInterface {
  name = 'OutboxRenderAtSend1764000000120';

  async up(q: QueryRunner): Promise<void> {
    for (const column of ['template', 'subject', 'body_html', 'body_text']) {
      await q.query(`alter table notification_outbox alter column ${column} drop not null`);
    }
    await q.query(`alter table notification_outbox add column item_id text`);
    await q.query(`alter table notification_outbox add column variables jsonb not null default '{}' check (jsonb_typeof(variables) = 'object')`);
    await q.query(`alter table notification_outbox add constraint notification_outbox_sent_rendered check (status <> 'sent' or subject is not null)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table notification_outbox drop constraint notification_outbox_sent_rendered`);
    await q.query(`alter table notification_outbox drop column variables`);
    await q.query(`alter table notification_outbox drop column item_id`);
  }
}
