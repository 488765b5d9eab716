import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database';
import { EventFeedRepository } from './event-feed.repository';
import { IntegrationBadQueryException } from './integration.exceptions';
import { INTEGRATION_MESSAGES as M } from './integration.messages';
import { EVENT_TYPES, EventPage, EventReader, EventType, NewIntegrationEvent } from './integration.types';

export const DEFAULT_EVENT_LIMIT = 100;
export const MAX_EVENT_LIMIT = 500;
const CURSOR_PREFIX = 'e1.';

/** The cursor is opaque to clients: a version tag and the commit-order position, base64url. */
export const encodeCursor = (seq: number): string => Buffer.from(`${CURSOR_PREFIX}${seq}`, 'utf8').toString('base64url');

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const seq = text.startsWith(CURSOR_PREFIX) && /^\d{1,15}$/.test(text.slice(CURSOR_PREFIX.length)) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(seq)) throw new IntegrationBadQueryException('after', M.cursor);
  return seq;
}

export function parseEventTypes(raw: string | undefined): EventType[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  const types = raw.split(',').map((t) => t.trim());
  for (const t of types) if (!(EVENT_TYPES as readonly string[]).includes(t)) throw new IntegrationBadQueryException('types', M.types + EVENT_TYPES.join(', '));
  return types as EventType[];
}

export function parseEventLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_EVENT_LIMIT;
  const n = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_EVENT_LIMIT) throw new IntegrationBadQueryException('limit', M.limit);
  return n;
}

/**
 * The integration event feed: events are recorded inside the transaction of the change they
 * announce and numbered at its commit, so a reader that pages with `next` sees every committed
 * event once, in commit order, even across restarts and out-of-order commits.
 */
@Injectable()
export class EventFeedService {
  private readonly repo: EventFeedRepository;

  constructor(tx: Transactions) {
    this.repo = new EventFeedRepository(tx);
  }

  /**
   * Joins the caller's transaction (Transactions.manager()): the event, and a webhook delivery for
   * each subscription that wants it, exist if and only if the change commits.
   */
  async record(event: NewIntegrationEvent): Promise<void> {
    const { dedupeKey, ...fields } = event;
    const stored = { ...fields, id: randomUUID(), taskId: event.taskId ?? null, occurredAt: new Date() };
    const { id, type, occurredAt, data, ...ids } = stored;
    // Standard Webhooks payload shape: type, timestamp, data (the feed's fields, flat).
    const body = JSON.stringify({ type, timestamp: occurredAt.toISOString(), data: { eventId: id, ...ids, ...data } });
    await this.repo.insertWithDeliveries({ ...stored, dedupeKey }, body);
  }

  async read(reader: EventReader, query: { after?: string; limit?: number; types?: EventType[] }): Promise<EventPage> {
    const after = decodeCursor(query.after);
    const scoped = reader.kind === 'scoped';
    const items = await this.repo.after(after, query.limit ?? DEFAULT_EVENT_LIMIT, {
      offices: scoped ? reader.offices : undefined,
      procedures: scoped && reader.procedures.length ? reader.procedures : undefined,
      types: query.types,
    });
    const last = items[items.length - 1];
    return { items, next: encodeCursor(last ? last.seq : after) };
  }
}
