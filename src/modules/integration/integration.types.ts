/** What the feed (and later webhooks) tell a vertical. Payment and document events come with their modules. */
export const EVENT_TYPES = [
  'case.filed',
  'case.status-changed',
  'task.created',
  'task.completed',
  'task.cancelled',
  'payment.received',
  'document.issued',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Ids and the minimum a vertical needs to decide whether to fetch more: never the applicant's
 * name, fiscal code or form data (those stay behind the case API and its access rules).
 */
export interface EventData {
  status?: string;
  elementId?: string;
  taskName?: string | null;
  [key: string]: string | number | boolean | null | undefined;
}

export interface NewIntegrationEvent {
  type: EventType;
  /** Recording an event with a key already recorded is a no-op (e.g. `case.filed:<caseId>`). */
  dedupeKey?: string;
  caseId: string | null;
  taskId?: string | null;
  procedureKey: string | null;
  offices: string[];
  data: EventData;
}

export interface IntegrationEvent {
  /** Stable id: a receiver de-duplicates on it. */
  id: string;
  /** Position in commit order; gapless. */
  seq: number;
  type: EventType;
  caseId: string | null;
  taskId: string | null;
  procedureKey: string | null;
  offices: string[];
  data: EventData;
  occurredAt: Date;
}

export interface EventPage {
  items: IntegrationEvent[];
  /** Opaque cursor after the last item (or the one given, when there is nothing new). */
  next: string;
}

/** Who reads the feed: everything, or the events touching some offices (and procedures, when listed). */
export type EventReader = { kind: 'all' } | { kind: 'scoped'; offices: string[]; procedures: string[] };
