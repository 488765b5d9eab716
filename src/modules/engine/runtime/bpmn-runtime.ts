/* eslint-disable @typescript-eslint/no-require-imports */
import { loadBpmnServer } from './load-bpmn-server';

/**
 * Behaviour overrides on bpmn-server 2.3.8 classes, installed once per process. Each one is
 * small, replaces a whole method (never patches half of one) and says why:
 *
 * 1. Parsed definitions are cached by source text. bpmn-server re-parses the XML with a new
 *    BpmnModdle on every start and every restore (most of its CPU). The parsed moddle tree is
 *    read-only for the engine: nodes, behaviours and tokens are rebuilt per execution.
 * 2. Timers are durable: the timer behaviour only records `timeDue`; our scheduler fires due
 *    items from the database. Stock timers use setTimeout (clamped to 1 ms past 24.8 days, lost
 *    on restart, run on every node of a cluster).
 * 3. Call activities: a child that finishes inline hands its data to the parent item at once;
 *    a child that finishes later resumes its parent through the operation's deferred queue
 *    (stock bpmn-server fires that resume without awaiting it).
 */
type Hooks = {
  /** Called when a child instance ends: resume the parent item with the child's data. */
  onChildEnded(parentItemId: string, childData: Record<string, unknown>): void;
};

interface ItemLike {
  id: string;
  timeDue?: Date;
  timerCount?: number;
  token: { appendData(data: unknown, item: unknown): void; execution: { id: string } };
  node: { type: string };
  input: unknown;
  context: { engine: { start(name: string, data: unknown, startNodeId: null, user: null, options: object): Promise<{ execution: { status: string; instance: { data: Record<string, unknown> } } }> } };
}

let hooks: Hooks | undefined;
let installed = false;
/** Parsed definitions by source text (override 1). */
const parsed = new Map<string, Promise<unknown>>();

/** Drops a parsed definition no one will run again (a dry run's sandbox copy of a draft): the cache is otherwise never trimmed. */
export function forgetParsedDefinition(source: string): void {
  parsed.delete(source);
}

export function installRuntime(h: Hooks): ReturnType<typeof loadBpmnServer> {
  const bpmn = loadBpmnServer();
  hooks = h;
  if (installed) return bpmn;
  installed = true;

  // 1. Parsed-definition cache.
  const DefinitionProto = (bpmn.Definition as unknown as { prototype: { getDefinition(source: string): Promise<unknown> } }).prototype;
  const originalGetDefinition = DefinitionProto.getDefinition;
  DefinitionProto.getDefinition = function cachedGetDefinition(this: unknown, source: string): Promise<unknown> {
    let hit = parsed.get(source);
    if (!hit) {
      hit = originalGetDefinition.call(this, source);
      hit.catch(() => parsed.delete(source));
      parsed.set(source, hit);
    }
    return hit;
  };

  // 2. Durable timers.
  const TimerBehaviour = bpmn.TimerBehaviour as unknown as new (node: unknown, def: unknown) => {
    timeDue(item: unknown, modifier: null): Promise<Date | string>;
  };
  class DurableTimerBehaviour extends TimerBehaviour {
    async startTimer(item: ItemLike): Promise<void> {
      item.timeDue = new Date(await this.timeDue(item, null));
      if (Number.isNaN(item.timeDue.getTime())) throw new Error(`timer on ${item.node.type} ${item.id} has no valid due time`);
    }
  }
  const loader = bpmn.BehaviourLoader as unknown as { behaviours: Array<{ name: string; funct: (node: unknown, def: unknown) => unknown }> };
  const timerEntry = loader.behaviours.find((b) => b.name === 'bpmn:TimerEventDefinition');
  if (!timerEntry) throw new Error('bpmn-server BehaviourLoader has no timer behaviour to replace');
  timerEntry.funct = (node, def) => new DurableTimerBehaviour(node, def);

  // 3. Call activities.
  const CallActivity = bpmn.CallActivity as unknown as {
    executionEnded(execution: { instance: { parentItemId?: string; data: Record<string, unknown> } }): Promise<void>;
    prototype: { calledElement: string; start(item: ItemLike): Promise<number> };
  };
  const NODE_ACTION = bpmn.NODE_ACTION as unknown as { continue: number; wait: number };
  CallActivity.executionEnded = async (execution) => {
    const parentItemId = execution.instance.parentItemId;
    if (parentItemId && hooks) hooks.onChildEnded(parentItemId, execution.instance.data);
  };
  CallActivity.prototype.start = async function startCallActivity(this: { calledElement: string }, item: ItemLike) {
    const response = await item.context.engine.start(this.calledElement, item.input ?? {}, null, null, { parentItemId: item.id });
    if (response.execution.status === 'end') {
      item.token.appendData(response.execution.instance.data, item);
      return NODE_ACTION.continue;
    }
    return NODE_ACTION.wait;
  };

  return bpmn;
}
