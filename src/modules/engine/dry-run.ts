import { TxSlot } from '../../database';
import { ItemTransition } from './engine.types';

/**
 * What a dry run records instead of doing: set on the sandbox's transaction (see EngineSandbox),
 * read by the service-task provider and the engine facade. With it set, service tasks are not
 * called, messages and signals thrown are not delivered to other instances, listeners (case
 * timeline, task projection, outboxes) do not run and failures open no incident.
 */
export interface DryRunLog {
  skippedServices: Array<{ elementId: string; implementation: string }>;
  undelivered: Array<{ kind: 'message' | 'signal'; name: string }>;
  transitions: ItemTransition[];
}

export const DRY_RUN = new TxSlot<DryRunLog>('engine dry run');

export const newDryRunLog = (): DryRunLog => ({ skippedServices: [], undelivered: [], transitions: [] });

/** Sandbox process keys are not valid procedure keys (KEY_PATTERN is kebab-case), so they never name a real procedure. */
export const SANDBOX_KEY_PREFIX = '_dryrun_';

/**
 * The draft with its executable process renamed to the sandbox key (and the pool that refers to
 * it), so the draft is deployed under a key no real filing ever asks for.
 */
export function renameProcess(xml: string, from: string, to: string): string {
  const id = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return xml
    .replace(new RegExp(`(<(?:[\\w-]+:)?process\\b[^>]*?\\sid=")${id}(")`), `$1${to}$2`)
    .replace(new RegExp(`(\\sprocessRef=")${id}(")`, 'g'), `$1${to}$2`);
}
