export const AUDIT_CHANNELS = ['web', 'desk', 'api', 'system'] as const;
export type AuditChannel = (typeof AUDIT_CHANNELS)[number];
export const AUDIT_RESOURCES = ['case', 'task', 'document', 'procedure', 'user', 'message', 'page', 'endpoint', 'citizen', 'alert'] as const;
export type AuditResourceType = (typeof AUDIT_RESOURCES)[number];

/** Who, did what, on which resource, through which channel, from which address. */
export interface AuditRecord {
  actor: { kind: string; subject: string };
  /** A dotted verb, e.g. `case.file`, `case.view`, `task.claim`, `task.assign`, `page.view`. */
  action: string;
  resource: { type: AuditResourceType; id: string };
  channel: AuditChannel;
  address?: string | null;
}

/** One stored row, as hashed and as shown. */
export interface AuditEntry {
  seq: number;
  occurredAt: string;
  actorKind: string;
  actorSubject: string;
  action: string;
  resourceType: string;
  resourceId: string;
  channel: string;
  address: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditRow {
  seq: string | number;
  occurred_at: Date;
  actor_kind: string;
  actor_subject: string;
  action: string;
  resource_type: string;
  resource_id: string;
  channel: string;
  address: string | null;
  prev_hash: string;
  hash: string;
}

export const toAuditEntry = (r: AuditRow): AuditEntry => ({
  seq: Number(r.seq),
  occurredAt: new Date(r.occurred_at).toISOString(),
  actorKind: r.actor_kind,
  actorSubject: r.actor_subject,
  action: r.action,
  resourceType: r.resource_type,
  resourceId: r.resource_id,
  channel: r.channel,
  address: r.address,
  prevHash: r.prev_hash,
  hash: r.hash,
});
