import { TxSlot } from '../../database';
import { EngineInstance, InstanceStatus, ItemStatus, ItemTransition } from './engine.types';

/**
 * State of one engine operation (start, complete, fire timer, ...), kept in a slot of the
 * operation's transaction (the one AsyncLocalStorage, see Transactions) and shared by the data
 * store, the app delegate and the engine service:
 * - what each touched instance looked like when last read or written, to write only changed
 *   item rows and to report item transitions;
 * - follow-up actions that bpmn-server would otherwise fire without awaiting (signals thrown,
 *   a finished call activity resuming its parent), run in order after the main call, in the
 *   same transaction;
 * - which instances were written, so a failure after a save can be turned into an incident.
 */
export interface KnownItem {
  status: ItemStatus;
  fingerprint: string;
}

/** A state snapshot bpmn-server asked to save, not yet written (see PgDataStore.saveInstance). */
export interface PendingSave {
  /** The live bpmn-server state object (its id, version and saved date are updated on write). */
  instance: { id: string };
  isNew: boolean;
  data: string;
  tokens: string;
  itemsJson: string;
  loops: string;
  status: InstanceStatus;
  endedAt: Date | string | null;
}

export class OperationScope {
  constructor(readonly actor: string | null = null) {}

  readonly pending = new Map<string, PendingSave>();
  readonly known = new Map<string, Map<string, KnownItem>>();
  readonly saved = new Set<string>();
  /** Each touched instance as last written in this operation (what the operation returns). */
  readonly written = new Map<string, EngineInstance>();
  /** Model version of each instance read or created in this operation. */
  readonly modelVersions = new Map<string, string>();
  /** Instances already locked in this operation's transaction (advisory locks are re-entrant). */
  readonly locked = new Set<string>();
  readonly transitions: ItemTransition[] = [];
  private readonly deferred: Array<() => Promise<unknown>> = [];

  defer(action: () => Promise<unknown>): void {
    this.deferred.push(action);
  }

  takeDeferred(): (() => Promise<unknown>) | undefined {
    return this.deferred.shift();
  }
}

/** Where the current operation's scope lives: `tx.get(OPERATION_SCOPE)`. */
export const OPERATION_SCOPE = new TxSlot<OperationScope>('engine operation');
