/**
 * The shapes the modeler's API answers with and the browser app reads (modeler-ui/src/api.ts imports
 * this file): one definition for both sides. Types and plain constants only, no imports.
 */

export interface ModelerItem {
  key: string;
  /** On disk (processes/, forms/), only a draft, a file with a newer draft, or published from the modeler (not exported yet). */
  source: 'file' | 'draft' | 'file+draft' | 'published' | 'published+draft';
  draftUpdatedAt: string | null;
  draftUpdatedBy: string | null;
}

/** Everything the editor's drop-downs and its lint need, served so a new office, form or handler needs no rebuild. */
export interface ModelerContext {
  offices: Array<{ key: string; name: string }>;
  citizenGroup: string;
  formKeys: string[];
  serviceNames: string[];
  citizenStatuses: readonly string[];
  outcomeStatuses: readonly string[];
  spidLevels: readonly string[];
  lint: { officeKeys: string[]; formKeys: string[]; serviceNames: string[] };
}

export const SPID_LEVELS = ['1', '2', '3', 'none'] as const;

export interface NewProcedureRequest {
  key: string;
  title: string;
  office?: string;
}

export interface NewProcedureResult {
  key: string;
  forms: string[];
}

/** One step of a dry run, as the analyst asks for it; the whole list is replayed on each call (see DryRunService). */
export type DryRunAction =
  | { kind: 'start'; data: Record<string, unknown> }
  | { kind: 'complete'; elementId: string; data: Record<string, unknown> }
  | { kind: 'timer'; elementId: string };

export interface DryRunElement {
  elementId: string;
  name: string | null;
  type: string;
}

/** What one step did: the elements it passed, the statuses the citizen would see, what was skipped. */
export interface DryRunStep {
  action: DryRunAction;
  element: DryRunElement | null;
  path: DryRunElement[];
  /** `onClaim`: an office task's status reaches the citizen when an operator takes the case in charge. */
  citizen: Array<{ elementId: string; status: string; message: string; onClaim: boolean }>;
  skippedServices: Array<{ elementId: string; name: string | null; implementation: string }>;
  undelivered: Array<{ kind: 'message' | 'signal'; name: string }>;
}

/** A step the run waits on: a task to complete (with proposed data from its form), a timer to fire, an event to deliver. */
export interface DryRunWaiting extends DryRunElement {
  kind: 'task' | 'timer' | 'event';
  formKey: string | null;
  candidateGroups: string[];
  timeDue: string | null;
  proposedData: Record<string, unknown>;
}

export interface DryRunState {
  key: string;
  status: 'ready' | 'running' | 'ended' | 'failed';
  steps: DryRunStep[];
  /** The step that failed (index into the actions) and why; the run cannot go on from it. */
  error: { step: number; message: string } | null;
  citizenStatus: string | null;
  citizenMessage: string | null;
  /** Before the first step: the start form and data proposed for it. */
  start: { elementId: string; formKey: string | null; proposedData: Record<string, unknown> } | null;
  waiting: DryRunWaiting[];
  data: Record<string, unknown>;
}
