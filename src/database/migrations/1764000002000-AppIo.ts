import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Citizen notices on App IO as well as by e-mail (issue 12 §2).
 *
 * notification_outbox: a row may now name the citizen by fiscal code, and its channel is chosen
 * at the first attempt (null until then): App IO when the citizen is on IO, allows the service
 * and has not chosen e-mail, else e-mail. The IO message id is recorded once IO accepts it;
 * `io_state` 'submitting' is written before the request leaves, so a row found 'submitting' after
 * a crash or a timeout has an unknown outcome and is reconciled (sent by e-mail), never re-sent on IO.
 *
 * citizen_channel_preference: the channel the citizen chose in the personal area.
 * dev_io_*: the state of the development App IO served at /dev-io (never used in production).
 */
export class AppIo1764000002000 implements MigrationInterface {
  name = 'AppIo1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table notification_outbox drop constraint if exists notification_outbox_channel_check`);
    await q.query(`alter table notification_outbox alter column channel drop default`);
    await q.query(`alter table notification_outbox alter column channel drop not null`);
    await q.query(`alter table notification_outbox add constraint notification_outbox_channel_check check (channel in ('email', 'io'))`);
    await q.query(`alter table notification_outbox alter column recipient drop not null`);
    await q.query(`alter table notification_outbox add column fiscal_code text check (fiscal_code ~ '^[A-Z0-9]{16}$')`);
    await q.query(`alter table notification_outbox add constraint notification_outbox_addressed check (recipient is not null or fiscal_code is not null)`);
    await q.query(`alter table notification_outbox add column io_state text check (io_state in ('submitting', 'accepted', 'unknown', 'rejected'))`);
    await q.query(`alter table notification_outbox add column io_message_id text`);
    await q.query(`alter table notification_outbox add column io_content jsonb`);
    await q.query(`create unique index notification_outbox_io_message_idx on notification_outbox (io_message_id) where io_message_id is not null`);
    await q.query(`create index notification_outbox_fiscal_code_idx on notification_outbox (fiscal_code) where fiscal_code is not null`);

    await q.query(`
      create table citizen_channel_preference (
        fiscal_code text primary key check (fiscal_code ~ '^[A-Z0-9]{16}$'),
        channel text not null check (channel in ('email', 'io')),
        updated_at timestamptz not null default now()
      )`);

    await q.query(`
      create table dev_io_profile (
        fiscal_code text primary key check (fiscal_code ~ '^[A-Z0-9]{16}$'),
        sender_allowed boolean not null default true,
        updated_at timestamptz not null default now()
      )`);
    await q.query(`
      create table dev_io_message (
        id text primary key,
        fiscal_code text not null,
        subject text not null,
        markdown text not null,
        due_date timestamptz,
        payment_data jsonb,
        status text not null default 'PROCESSED' check (status in ('ACCEPTED', 'THROTTLED', 'FAILED', 'PROCESSED', 'REJECTED')),
        created_at timestamptz not null default now(),
        seq bigserial not null
      )`);
    await q.query(`create index dev_io_message_inbox_idx on dev_io_message (fiscal_code, seq)`);
    // Injected faults: the next \`remaining\` calls to \`operation\` answer \`status\` (0: hang until the client gives up).
    await q.query(`
      create table dev_io_fault (
        operation text primary key check (operation in ('profile', 'message')),
        status int not null check (status = 0 or status between 400 and 599),
        remaining int not null check (remaining >= 0),
        after_accept boolean not null default false
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table dev_io_fault`);
    await q.query(`drop table dev_io_message`);
    await q.query(`drop table dev_io_profile`);
    await q.query(`drop table citizen_channel_preference`);
    await q.query(`drop index notification_outbox_fiscal_code_idx`);
    await q.query(`drop index notification_outbox_io_message_idx`);
    for (const c of ['io_content', 'io_message_id', 'io_state']) await q.query(`alter table notification_outbox drop column ${c}`);
    await q.query(`alter table notification_outbox drop constraint notification_outbox_addressed`);
    await q.query(`alter table notification_outbox drop column fiscal_code`);
    await q.query(`delete from notification_outbox where recipient is null`);
    await q.query(`alter table notification_outbox alter column recipient set not null`);
    await q.query(`alter table notification_outbox drop constraint notification_outbox_channel_check`);
    await q.query(`update notification_outbox set channel = 'email' where channel is distinct from 'email'`);
    await q.query(`alter table notification_outbox alter column channel set not null`);
    await q.query(`alter table notification_outbox alter column channel set default 'email'`);
    await q.query(`alter table notification_outbox add constraint notification_outbox_channel_check check (channel in ('email'))`);
  }
}
