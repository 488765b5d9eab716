import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database';
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
  recipient: string;
  messageId: string;
}

/** A row a dispatcher holds a lease on; `attempts` (already counting this one) fences its updates. */
export interface ClaimedEmail {
  id: string;
  caseId: string;
  event: string;
  item: string | null;
  procedureKey: string;
  variables: Record<string, unknown>;
  recipient: string;
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
  recipient: string;
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
  case_id: string;
  event: string;
  item_id: string | null;
  procedure_key: string;
  variables: Record<string, unknown>;
  recipient: string;
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
         (id, dedupe_key, case_id, event, procedure_key, item_id, variables, locale, recipient, message_id)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)
       on conflict (dedupe_key) do nothing
       returning id`,
      [e.id, e.dedupeKey, e.caseId, e.event, e.procedureKey, e.item, JSON.stringify(e.variables), e.locale, e.recipient, e.messageId],
    );
    if (inserted.length === 1) return { id: inserted[0].id, duplicate: false };
    const existing: { id: string }[] = await em.query(`select id from notification_outbox where dedupe_key = $1`, [e.dedupeKey]);
    return { id: existing[0].id, duplicate: true };
  }

  /**
   * Takes up to `limit` due rows under a lease until `leaseUntil`. SKIP LOCKED lets concurrent
   * dispatchers pass each other; a row whose lease has run out (its holder died) is due again.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedEmail[]> {
    // TypeORM answers an UPDATE with [rows, affected count], RETURNING or not.
    const [rows]: [ClaimedRow[], number] = await this.tx.dataSource.query(
        `update notification_outbox o
            set locked_until = $2, attempts = o.attempts + 1
          where o.id in (
                select id from notification_outbox
                 where status = 'pending' and next_attempt_at <= $1
                   and (locked_until is null or locked_until <= $1)
                 order by next_attempt_at, id
                 limit $3
                 for update skip locked)
         returning o.id, o.case_id, o.event, o.item_id, o.procedure_key, o.variables, o.recipient,
                   o.subject, o.body_html, o.body_text, o.message_id, o.attempts`,
        [now, leaseUntil, limit],
      );
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      event: r.event,
      item: r.item_id,
      procedureKey: r.procedure_key,
      variables: r.variables ?? {},
      recipient: r.recipient,
      rendered: r.subject !== null && r.body_html !== null && r.body_text !== null ? { subject: r.subject, html: r.body_html, text: r.body_text } : null,
      messageId: r.message_id,
      attempts: r.attempts,
    }));
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
      recipient: r.recipient as string,
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
