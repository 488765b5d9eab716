import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactions } from '../../database';
import type { IoPaymentData } from '../app-io';
import { OutboxStatus } from './notifications.types';

export interface NewOutboxEmail {
  id: string;
  dedupeKey: string;
  caseId: string;
  event: string;
  procedureKey: string;
  item: string | null;
  variables: Record<string, unknown>;
  locale: string;
  /** The citizen's e-mail address; null when the citizen can be reached on App IO only. */
  recipient: string | null;
  /** The citizen's fiscal code: the notice may go to App IO. */
  fiscalCode: string | null;
  /** App IO extras fixed at enqueue (due date, payment data). */
  io: IoExtras | null;
  messageId: string;
}

/** What an App IO message carries besides subject and text: fixed when the notice is queued. */
export interface IoExtras {
  dueDate?: string;
  paymentData?: IoPaymentData;
}

/** The App IO message as rendered at the first IO attempt and resent unchanged. */
export interface IoContent extends IoExtras {
  subject: string;
  markdown: string;
}

export type OutboxChannel = 'email' | 'io';
export type IoState = 'submitting' | 'accepted' | 'unknown' | 'rejected';

/** A row a dispatcher holds a lease on; `attempts` (already counting this one) fences its updates. */
export interface ClaimedEmail {
  id: string;
  caseId: string;
  event: string;
  item: string | null;
  procedureKey: string;
  variables: Record<string, unknown>;
  recipient: string | null;
  fiscalCode: string | null;
  /** Null until the first attempt chooses it. */
  channel: OutboxChannel | null;
  ioState: IoState | null;
  /** Extras before the first IO attempt renders, the full message after. */
  io: (IoExtras & Partial<IoContent>) | null;
  /** Null until the first attempt renders and stores it. */
  rendered: { subject: string; html: string; text: string } | null;
  messageId: string;
  attempts: number;
}

export interface OutboxRow {
  id: string;
  dedupeKey: string;
  caseId: string;
  event: string;
  template: string | null;
  recipient: string | null;
  fiscalCode: string | null;
  channel: OutboxChannel | null;
  ioState: IoState | null;
  ioMessageId: string | null;
  subject: string | null;
  messageId: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  smtpResponse: string | null;
  sentAt: Date | null;
}

interface ClaimedRow {
  id: string;
  next_attempt_at: Date;
  case_id: string;
  event: string;
  item_id: string | null;
  procedure_key: string;
  variables: Record<string, unknown>;
  recipient: string | null;
  fiscal_code: string | null;
  channel: OutboxChannel | null;
  io_state: IoState | null;
  io_content: (IoExtras & Partial<IoContent>) | null;
  subject: string | null;
  body_html: string | null;
  body_text: string | null;
  message_id: string;
  attempts: number;
}

const MAX_ERROR_LENGTH = 2000;

/**
 * SQL for the e-mail outbox. Inserts join the caller's transaction; claims and outcomes run on
 * their own connection in short autocommitted statements, never inside a caller's transaction.
 */
@Injectable()
export class OutboxRepository {
  constructor(private readonly tx: Transactions) {}

  /** Inserts unless the dedupe key is taken; returns the id of the row holding the key. */
  async insert(e: NewOutboxEmail): Promise<{ id: string; duplicate: boolean }> {
    const em = this.tx.manager();
    const inserted: { id: string }[] = await em.query(
      `insert into notification_outbox
         (id, dedupe_key, case_id, event, procedure_key, item_id, variables, locale, recipient, message_id, fiscal_code, io_content)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12::jsonb)
       on conflict (dedupe_key) do nothing
       returning id`,
      [
        e.id, e.dedupeKey, e.caseId, e.event, e.procedureKey, e.item, JSON.stringify(e.variables), e.locale, e.recipient, e.messageId,
        e.fiscalCode, e.io ? JSON.stringify(e.io) : null,
      ],
    );
    if (inserted.length === 1) return { id: inserted[0].id, duplicate: false };
    const existing: { id: string }[] = await em.query(`select id from notification_outbox where dedupe_key = $1`, [e.dedupeKey]);
    return { id: existing[0].id, duplicate: true };
  }

  /**
   * Takes up to `limit` due rows under a lease until `leaseUntil`. SKIP LOCKED lets concurrent
   * dispatchers pass each other; a row whose lease has run out (its holder died) is due again.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number, channels: { email: boolean; io: boolean } = { email: true, io: false }, alerts = false, em?: EntityManager): Promise<ClaimedEmail[]> {
    // Only rows some configured channel can take: without SMTP, rows bound for e-mail wait; without IO, every row is e-mail.
    const reachable = [
      ...(channels.email ? [`o2.channel = 'email'`, `(o2.channel is null and o2.recipient is not null)`] : []),
      ...(channels.io ? [`o2.channel = 'io'`, `(o2.channel is null and o2.fiscal_code is not null)`] : []),
    ];
    if (reachable.length === 0) return [];
    // TypeORM answers an UPDATE with [rows, affected count], RETURNING or not.
    const [rows]: [ClaimedRow[], number] = await (em ?? this.tx.dataSource).query(
        `update notification_outbox o
            set locked_until = $2, attempts = o.attempts + 1
          where o.id in (
                select id from notification_outbox o2
                 where status = 'pending' and next_attempt_at <= $1
                   and (locked_until is null or locked_until <= $1)
                   and (${reachable.join(' or ')})
                   and (alert_id is null) = ${alerts ? 'false' : 'true'}
                 order by next_attempt_at, id
                 limit $3
                 for update skip locked)
         returning o.id, o.next_attempt_at, o.case_id, o.event, o.item_id, o.procedure_key, o.variables, o.recipient, o.fiscal_code, o.channel, o.io_state, o.io_content,
                   o.subject, o.body_html, o.body_text, o.message_id, o.attempts`,
        [now, leaseUntil, limit],
      );
    // UPDATE ... RETURNING keeps no order: a citizen's notices go out in the order they were queued.
    rows.sort((a, b) => new Date(a.next_attempt_at).getTime() - new Date(b.next_attempt_at).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      event: r.event,
      item: r.item_id,
      procedureKey: r.procedure_key,
      variables: r.variables ?? {},
      recipient: r.recipient,
      fiscalCode: r.fiscal_code,
      channel: r.channel,
      ioState: r.io_state,
      io: r.io_content,
      rendered: r.subject !== null && r.body_html !== null && r.body_text !== null ? { subject: r.subject, html: r.body_html, text: r.body_text } : null,
      messageId: r.message_id,
      attempts: r.attempts,
    }));
  }

  /**
   * Claims due alert rows within the shared budget of `ratePerSecond` claims per one-second
   * window: the budget row is locked, the window renewed when over, the rows claimed and the
   * budget charged in one transaction, so every app process together stays within the rate.
   */
  async claimAlertsDue(now: Date, leaseUntil: Date, limit: number, channels: { email: boolean; io: boolean }, ratePerSecond: number): Promise<ClaimedEmail[]> {
    return this.tx.run(async (em) => {
      const [t]: Array<{ window_start: Date; used: number }> = await em.query(`select window_start, used from alert_throttle where id = 1 for update`);
      const fresh = new Date(t.window_start).getTime() + 1000 <= now.getTime();
      const used = fresh ? 0 : t.used;
      const budget = Math.min(limit, ratePerSecond - used);
      if (budget <= 0) return [];
      const claimed = await this.claimDue(now, leaseUntil, budget, channels, true, em);
      await em.query(`update alert_throttle set window_start = $1, used = $2 where id = 1`, [fresh ? now : t.window_start, used + claimed.length]);
      return claimed;
    });
  }

  /** One row per subscriber of the topic, in the caller's transaction; returns how many. */
  async insertAlert(a: { alertId: string; topic: string; variables: Record<string, unknown>; domain: string }): Promise<number> {
    const inserted: Array<{ id: string }> = await this.tx.manager().query(
      `insert into notification_outbox
         (id, dedupe_key, case_id, event, procedure_key, variables, locale, recipient, message_id, fiscal_code, alert_id)
       select r.id, 'alert:' || $1::text || ':' || r.fiscal_code, $1::text, 'allerta', 'avvisi', $3::jsonb, 'it', r.email,
              '<' || r.id::text || '@' || $4::text || '>', r.fiscal_code, $5::uuid
         from (select gen_random_uuid() as id, fiscal_code, email from alert_subscription where topic = $2) r
       on conflict (dedupe_key) do nothing
       returning id`,
      [a.alertId, a.topic, JSON.stringify(a.variables), a.domain, a.alertId],
    );
    return inserted.length;
  }

  async alertCounts(alertId: string): Promise<Array<{ channel: OutboxChannel | null; status: OutboxStatus; n: number }>> {
    const rows: Array<{ channel: OutboxChannel | null; status: OutboxStatus; n: string }> = await this.tx
      .manager()
      .query(`select channel, status, count(*) as n from notification_outbox where alert_id = $1 group by channel, status`, [alertId]);
    return rows.map((r) => ({ channel: r.channel, status: r.status, n: Number(r.n) }));
  }

  async alertRecipients(alertId: string, status: OutboxStatus | null, limit: number, offset: number): Promise<{ total: number; rows: Array<Record<string, unknown>> }> {
    const em = this.tx.manager();
    const where = `alert_id = $1${status ? ' and status = $2' : ''}`;
    const params: unknown[] = status ? [alertId, status] : [alertId];
    const [{ n }]: Array<{ n: string }> = await em.query(`select count(*) as n from notification_outbox where ${where}`, params);
    const rows: Array<Record<string, unknown>> = await em.query(
      `select fiscal_code, channel, status, attempts, io_message_id, last_error, sent_at from notification_outbox where ${where}
        order by fiscal_code limit ${Number(limit)} offset ${Number(offset)}`,
      params,
    );
    return { total: Number(n), rows };
  }

  /** Stores what the first attempt rendered, so every later attempt sends the same; false when the lease was lost. */
  async storeRendered(c: ClaimedEmail, r: { template: string; subject: string; html: string; text: string }): Promise<boolean> {
    return this.finish(`template = $3, subject = $4, body_html = $5, body_text = $6`, c, [r.template, r.subject, r.html, r.text]);
  }

  /** False when the lease was lost (another dispatcher re-claimed the row): the outcome is not ours to record. */
  async markSent(c: ClaimedEmail, sentAt: Date, smtpResponse: string): Promise<boolean> {
    return this.finish(
      `status = 'sent', sent_at = $3, smtp_response = $4, last_error = null, locked_until = null`,
      c,
      [sentAt, smtpResponse],
    );
  }

  async markRetry(c: ClaimedEmail, nextAttemptAt: Date, error: string): Promise<boolean> {
    return this.finish(`next_attempt_at = $3, last_error = $4, locked_until = null`, c, [
      nextAttemptAt,
      error.slice(0, MAX_ERROR_LENGTH),
    ]);
  }

  async markFailed(c: ClaimedEmail, error: string): Promise<boolean> {
    return this.finish(`status = 'failed', last_error = $3, locked_until = null`, c, [error.slice(0, MAX_ERROR_LENGTH)]);
  }

  /**
   * The channel chosen at the first attempt (or e-mail after IO failed). What an e-mail attempt
   * rendered stays: an IO attempt stores its message in io_content, never in the e-mail bodies.
   */
  async setChannel(c: ClaimedEmail, channel: OutboxChannel): Promise<boolean> {
    const ok = await this.finish(`channel = $3`, c, [channel]);
    if (ok) c.channel = channel;
    return ok;
  }

  /** Gives the row back untouched (this attempt not counted): e.g. it turned out to be an e-mail while no SMTP is configured. */
  async release(c: ClaimedEmail, nextAttemptAt: Date): Promise<boolean> {
    return this.finish(`attempts = attempts - 1, locked_until = null, next_attempt_at = $3`, c, [nextAttemptAt]);
  }

  async storeIoRendered(c: ClaimedEmail, template: string, content: IoContent): Promise<boolean> {
    return this.finish(`template = $3, subject = $4, io_content = $5::jsonb`, c, [template, content.subject, JSON.stringify(content)]);
  }

  /** Written before the message leaves for IO: a row found in this state again never learnt the outcome. */
  async markIoSubmitting(c: ClaimedEmail): Promise<boolean> {
    return this.finish(`io_state = 'submitting'`, c, []);
  }

  /** IO answered that it did not take the message (429, 503): nothing is in the citizen's inbox, a retry may submit again. */
  async clearIoSubmitting(c: ClaimedEmail): Promise<boolean> {
    return this.finish(`io_state = null`, c, []);
  }

  async markIoSent(c: ClaimedEmail, sentAt: Date, ioMessageId: string): Promise<boolean> {
    return this.finish(
      `status = 'sent', sent_at = $3, io_state = 'accepted', io_message_id = $4, last_error = null, locked_until = null`,
      c,
      [sentAt, ioMessageId],
    );
  }

  /** IO refused (or may have taken) the message: the state stays recorded whichever channel carries the notice on. */
  async markIoOutcome(c: ClaimedEmail, state: 'unknown' | 'rejected', error: string): Promise<boolean> {
    const ok = await this.finish(`io_state = $3, last_error = $4`, c, [state, error.slice(0, MAX_ERROR_LENGTH)]);
    if (ok) c.ioState = state;
    return ok;
  }

  /** Per case, notices an attempt failed to deliver and that wait for a retry (the case page's "in attesa"). */
  async pendingByCase(caseIds: string[]): Promise<Map<string, number>> {
    if (caseIds.length === 0) return new Map();
    const rows: Array<{ case_id: string; n: string }> = await this.tx
      .manager()
      .query(`select case_id, count(*) as n from notification_outbox where status = 'pending' and attempts > 0 and case_id = any($1) group by case_id`, [caseIds]);
    return new Map(rows.map((r) => [r.case_id, Number(r.n)]));
  }

  async findByDedupeKey(dedupeKey: string): Promise<OutboxRow | undefined> {
    const rows: Record<string, unknown>[] = await this.tx
      .manager()
      .query(`select * from notification_outbox where dedupe_key = $1`, [dedupeKey]);
    const r = rows[0];
    if (!r) return undefined;
    return {
      id: r.id as string,
      dedupeKey: r.dedupe_key as string,
      caseId: r.case_id as string,
      event: r.event as string,
      template: r.template as string | null,
      recipient: r.recipient as string | null,
      fiscalCode: r.fiscal_code as string | null,
      channel: r.channel as OutboxChannel | null,
      ioState: r.io_state as IoState | null,
      ioMessageId: r.io_message_id as string | null,
      subject: r.subject as string | null,
      messageId: r.message_id as string,
      status: r.status as OutboxStatus,
      attempts: r.attempts as number,
      nextAttemptAt: r.next_attempt_at as Date,
      lastError: r.last_error as string | null,
      smtpResponse: r.smtp_response as string | null,
      sentAt: r.sent_at as Date | null,
    };
  }

  private async finish(set: string, c: ClaimedEmail, params: unknown[]): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.tx.dataSource.query(
      `update notification_outbox set ${set} where id = $1 and attempts = $2 and status = 'pending'`,
      [c.id, c.attempts, ...params],
    );
    return affected === 1;
  }
}
