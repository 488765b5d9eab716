/** Our own view of engine state: no bpmn-server type leaves this module. */
export type InstanceStatus = 'running' | 'end' | 'terminated';
export type ItemStatus = 'enter' | 'start' | 'wait' | 'end' | 'terminated' | 'discard';

export interface EngineItem {
  id: string;
  seq: number;
  elementId: string;
  elementType: string;
  name: string | null;
  status: ItemStatus;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate: Date | null;
  timeDue: Date | null;
  messageId: string | null;
  signalId: string | null;
  itemKey: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
}

export interface EngineInstance {
  id: string;
  processKey: string;
  modelVersionId: string;
  status: InstanceStatus;
  version: number;
  parentItemId: string | null;
  data: Record<string, unknown>;
  startedAt: Date | null;
  endedAt: Date | null;
  items: EngineItem[];
}

export interface ModelVersion {
  id: string;
  processKey: string;
  version: number;
  hash: string;
  createdAt: Date;
}

/** Running instances of one process: how many per model version, and which elements they wait on. */
export interface RunningSummary {
  byVersion: Array<{ versionId: string; version: number; running: number }>;
  waiting: Array<{ version: number; elementId: string; name: string; instances: number }>;
}

export interface DeployResult extends ModelVersion {
  /** false when the content equals the current version: nothing was deployed. */
  created: boolean;
}

export interface EngineIncident {
  id: string;
  instanceId: string;
  itemId: string | null;
  elementId: string | null;
  operation: string;
  errorCode: string | null;
  errorMessage: string;
  attempts: number;
  status: 'open' | 'retrying' | 'resolved' | 'cancelled';
  nextRetryAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The result of an engine operation: the instance as committed, and an incident if it stopped on one. */
export interface OperationResult {
  instance: EngineInstance;
  incident: EngineIncident | null;
}

export interface StartOptions {
  /** Who started it, for the audit of engine steps (user id or "system"). */
  actor?: string;
  startElementId?: string;
}

export interface CompleteOptions {
  actor?: string;
  /** Optimistic check: the instance version the caller saw. */
  expectedVersion?: number;
}

/** What a service-task handler receives. */
export interface ServiceTaskContext {
  instanceId: string;
  processKey: string;
  itemId: string;
  elementId: string;
  /** Process data visible to the task (token-scoped in sub-processes and loops). */
  data: Readonly<Record<string, unknown>>;
  instanceData: Readonly<Record<string, unknown>>;
  input: Readonly<Record<string, unknown>>;
  /** Properties from the element's camunda:properties. */
  properties: Readonly<Record<string, string>>;
  /** The process's camunda:properties (procedure metadata: title, office, legalDays...). */
  processProperties: Readonly<Record<string, string>>;
}

/** What a handler returns: data to merge into the process, or a modelled BPMN error/escalation. */
export interface ServiceTaskResult {
  data?: Record<string, unknown>;
  bpmnError?: string;
  escalation?: string;
}

export type ServiceTaskHandler = (ctx: ServiceTaskContext) => Promise<ServiceTaskResult | void>;

/** A flow node as modelled: type, name, form, groups and its camunda:properties. */
export interface ModelElement {
  type: string;
  name: string | null;
  formKey: string | null;
  candidateGroups: string[];
  properties: Record<string, string>;
}

/** Called inside the operation's transaction for every item that changed status. */
export interface ItemTransition {
  instanceId: string;
  processKey: string;
  modelVersionId: string;
  /** Who caused the operation (as passed in StartOptions/CompleteOptions), null for the system. */
  actor: string | null;
  item: EngineItem;
  element: ModelElement | null;
  previousStatus: ItemStatus | null;
  instanceData: Readonly<Record<string, unknown>>;
  instanceStatus: InstanceStatus;
}
export type TransitionListener = (transitions: ItemTransition[]) => Promise<void>;
