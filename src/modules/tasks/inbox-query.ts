import { TaskInvalidQueryException } from './tasks.exceptions';
import { TASK_MESSAGES as M } from './tasks.messages';
import { InboxQuery } from './tasks.types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const TASK_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * The inbox query in the API's words (state, completedBy, office, procedure, status, assignee,
 * dueBefore, q, sort, pageSize, cursor): the API and the console pages parse it the same way, and
 * the cursor is the one TasksService.inbox hands out. Throws TASK_INVALID_QUERY naming the field.
 */
export function parseInboxQuery(q: Readonly<Record<string, string | undefined>>, me: string): Omit<InboxQuery, 'offices'> {
  const state = q.state ?? 'open';
  if (state !== 'open' && state !== 'completed') throw new TaskInvalidQueryException('state', M.state);
  if (q.completedBy !== undefined && (state !== 'completed' || (q.completedBy !== 'me' && q.completedBy !== 'office'))) {
    throw new TaskInvalidQueryException('completedBy', M.completedBy);
  }
  const sort = q.sort ?? (state === 'completed' ? 'completed' : 'created');
  if (sort !== 'created' && sort !== 'due' && (sort !== 'completed' || state !== 'completed')) throw new TaskInvalidQueryException('sort', M.sort);
  const status = q.status ?? 'open';
  if (status !== 'open' && status !== 'claimed' && status !== 'unclaimed') throw new TaskInvalidQueryException('status', M.status);
  if (q.dueBefore && !isCalendarDate(q.dueBefore)) throw new TaskInvalidQueryException('dueBefore', M.date);
  const limit = q.pageSize === undefined ? 20 : Number(q.pageSize);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new TaskInvalidQueryException('pageSize', M.limit);
  let cursor: InboxQuery['cursor'];
  if (q.cursor) {
    try {
      const parsed = JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')) as { k?: unknown; id?: unknown };
      if (typeof parsed.id !== 'string' || !TASK_ID.test(parsed.id)) throw new Error('shape');
      const k = parsed.k;
      const validKey = k === null ? sort === 'due' : typeof k === 'string' && (sort === 'due' ? isCalendarDate(k) : isTimestamp(k));
      if (!validKey) throw new Error('key');
      cursor = { k: parsed.k as string | null, id: parsed.id };
    } catch {
      throw new TaskInvalidQueryException('cursor', M.cursor);
    }
  }
  return {
    state,
    completedBy: q.completedBy === 'me' ? `operator:${me}` : undefined,
    office: q.office || undefined,
    procedure: q.procedure || undefined,
    status,
    assignee: q.assignee === 'me' ? me : q.assignee || undefined,
    dueBefore: q.dueBefore || undefined,
    text: q.q?.trim() || undefined,
    sort,
    limit,
    cursor,
  };
}

/** YYYY-MM-DD naming a day that exists (2026-02-30 does not). */
function isCalendarDate(v: string): boolean {
  if (!DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** An ISO instant as the cursor writes it (toISOString), naming an instant that exists. */
function isTimestamp(v: string): boolean {
  if (!TIMESTAMP.test(v)) return false;
  const d = new Date(v);
  return !Number.isNaN(d.getTime()) && isCalendarDate(v.slice(0, 10));
}
