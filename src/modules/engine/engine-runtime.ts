/* eslint-disable @typescript-eslint/no-require-imports */
import type { Logger } from 'pino';
import { Transactions } from '../../database';
import { DRY_RUN } from './dry-run';
import { EngineLogger } from './engine-logger';
import { ServiceTaskContext, ServiceTaskResult } from './engine.types';
import { ModelsStore } from './models.store';
import { OPERATION_SCOPE } from './operation-scope';
import { PgDataStore, RawInstance } from './pg-data-store';
import { installRuntime } from './runtime/bpmn-runtime';
import { ServiceTaskRegistry } from './service-task.registry';

/** The subset of bpmn-server's Engine we drive (starts; items are signalled through SignalItem). */
export interface BpmnExecution {
  id: string;
  status: string;
  instance: { id: string; data: Record<string, unknown>; status: string };
}
/** Restores an instance from its stored state and signals one of its items, in memory. */
export type SignalItem = (state: RawInstance, itemId: string, data: object, user: string | null, options?: object) => Promise<BpmnExecution>;

export interface BpmnEngine {
  start(name: string, data: object, startNodeId: string | null, user: string | null, options: object): Promise<BpmnExecution>;
}

export interface RuntimeCallbacks {
  onChildEnded(parentItemId: string, childData: Record<string, unknown>): void;
  onMessageThrown(messageId: string, data: Record<string, unknown>, instanceData: Record<string, unknown>): void;
  onSignalThrown(signalId: string, data: Record<string, unknown>): void;
}

interface ExtensibleDef {
  extensionElements?: { values?: Array<Record<string, unknown>> };
}

interface BpmnItem {
  id: string;
  elementId: string;
  input: Record<string, unknown>;
  data: Record<string, unknown>;
  node: { def: ExtensibleDef; process?: { def?: ExtensibleDef } };
  token: { appendData(data: unknown, item: unknown): void; execution: { id: string; name: string; instance: { data: Record<string, unknown> } } };
}

/**
 * Builds the one bpmn-server instance of this process with our data store, models store,
 * logger and app delegate. `cron: false`: timers are ours (TimerScheduler).
 */
export function createBpmnEngine(deps: {
  tx: Transactions;
  models: ModelsStore;
  registry: ServiceTaskRegistry;
  logger: Logger;
  lockTimeoutMs: number;
  callbacks: RuntimeCallbacks;
}): { engine: BpmnEngine; dataStore: PgDataStore; signalItem: SignalItem } {
  const bpmn = installRuntime({ onChildEnded: (id, data) => deps.callbacks.onChildEnded(id, data) });
  const dataStore = new PgDataStore(deps.tx, deps.models, deps.lockTimeoutMs);
  const engineLogger = new EngineLogger(deps.logger);
  const DefaultAppDelegate = bpmn.DefaultAppDelegate as unknown as new (server: unknown) => object;

  class AppDelegate extends DefaultAppDelegate {
    private provider?: Record<string, Record<string, (input: unknown, execution: { item: BpmnItem }) => Promise<unknown>>>;

    startUp(): void {}

    async getServicesProvider(): Promise<object> {
      if (!this.provider) this.provider = buildProvider(deps.registry, deps.tx);
      return this.provider;
    }

    async serviceCalled(_input: unknown, _context: unknown, item: { node: { serviceName?: string } }): Promise<never> {
      throw new Error(`service task "${item?.node?.serviceName ?? '?'}" has no registered handler`);
    }

    async messageThrown(messageId: string, data: Record<string, unknown>, _key: unknown, item: BpmnItem): Promise<void> {
      deps.callbacks.onMessageThrown(messageId, data ?? {}, item.token.execution.instance.data);
    }

    async signalThrown(signalId: string, data: Record<string, unknown>): Promise<void> {
      deps.callbacks.onSignalThrown(signalId, data ?? {});
    }
  }

  /**
   * No execution cache (every operation restores from the database under the lock). Engine.start
   * registers a brand-new execution here just before locking it: an id no one else can know yet
   * needs no lock, so it is marked as held.
   */
  class FreshInstanceMarker extends bpmn.NoCacheManager {
    override add(execution: { id: string }): null {
      deps.tx.get(OPERATION_SCOPE)?.locked.add(execution.id);
      return null;
    }
  }

  const configuration = new bpmn.Configuration({
    definitionsPath: undefined,
    templatesPath: undefined,
    timers: { forceTimersDelay: 0, precision: 0 },
    database: { MongoDB: {} },
    apiKey: undefined,
    logger: engineLogger,
    definitions: () => new EngineModelsAdapter(deps.models),
    appDelegate: (server: unknown) => new AppDelegate(server),
    dataStore: () => dataStore,
    cacheManager: (server: unknown) => new FreshInstanceMarker(server as never),
    scriptHandler: () => new bpmn.ScriptHandler(),
  } as never);
  const server = new bpmn.BPMNServer(configuration, engineLogger as never, { cron: false });
  const Execution = bpmn.Execution as unknown as {
    restore(server: unknown, state: RawInstance): Promise<BpmnExecution & { isLocked: boolean; signalItem(id: string, data: object, user: string | null, options: object): Promise<unknown> }>;
  };
  // Engine.invoke, minus the lookups we have already done under the instance lock.
  const signalItem: SignalItem = async (state, itemId, data, user, options = {}) => {
    const execution = await Execution.restore(server, state);
    execution.isLocked = true;
    await execution.signalItem(itemId, JSON.parse(JSON.stringify(data ?? {})) as object, user, options);
    return execution;
  };
  return { engine: server.engine as unknown as BpmnEngine, dataStore, signalItem };
}

/** bpmn-server's IModelsDatastore, reduced to what the engine calls. */
class EngineModelsAdapter {
  constructor(private readonly models: ModelsStore) {}
  async getSource(name: string): Promise<string> {
    return (await this.models.current(name)).xml;
  }
  async getSVG(): Promise<string> {
    return '';
  }
  async findEvents(query: Record<string, string>): Promise<Array<{ modelName: string; elementId: string }>> {
    const kind = query['events.messageId'] ? 'message' : query['events.signalId'] ? 'signal' : undefined;
    if (!kind) return [];
    const found = await this.models.startEventsFor(kind, query[kind === 'message' ? 'events.messageId' : 'events.signalId']);
    return found.map((e) => ({ modelName: e.processKey, elementId: e.elementId }));
  }
}

function buildProvider(registry: ServiceTaskRegistry, tx: Transactions) {
  const provider: Record<string, Record<string, (input: unknown, execution: { item: BpmnItem }) => Promise<unknown>>> = {};
  for (const name of registry.names()) {
    const [moduleName, action] = name.split('.');
    const handler = registry.get(name)!;
    provider[moduleName] ??= {};
    provider[moduleName][action] = async (_input, execution) => {
      const item = execution.item;
      const dryRun = tx.get(DRY_RUN);
      if (dryRun) {
        // A dry run calls no handler (no protocol number, e-mail, IO or pagoPA call): it records the step as skipped.
        dryRun.skippedServices.push({ elementId: item.elementId, implementation: name });
        return {};
      }
      const ctx: ServiceTaskContext = {
        instanceId: item.token.execution.id,
        processKey: item.token.execution.name,
        itemId: item.id,
        elementId: item.elementId,
        data: item.data ?? {},
        instanceData: item.token.execution.instance.data,
        input: item.input ?? {},
        properties: elementProperties(item.node.def),
        processProperties: elementProperties(item.node.process?.def),
      };
      // A handler's writes are undone if it fails, so the incident leaves a clean state to retry.
      const inTx = tx.current() !== undefined;
      if (inTx) await tx.prepared('savepoint service_task');
      let result: ServiceTaskResult | void;
      try {
        result = await handler.handle(ctx);
        if (inTx) await tx.prepared('release savepoint service_task');
      } catch (e) {
        if (inTx) {
          await tx.prepared('rollback to savepoint service_task');
          tx.forgetAll();
        }
        throw e;
      }
      if (result?.data) item.token.appendData(result.data, item);
      if (result?.bpmnError) return { bpmnError: result.bpmnError };
      if (result?.escalation) return { escalation: result.escalation };
      return result?.data ?? {};
    };
  }
  return provider;
}

function elementProperties(def: ExtensibleDef | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const ext of def?.extensionElements?.values ?? []) {
    if (!/properties$/i.test(String(ext.$type ?? ''))) continue;
    const values = (ext.values ?? ext.$children ?? []) as Array<{ name?: string; value?: string }>;
    for (const v of values) if (v.name) out[v.name] = String(v.value ?? '');
  }
  return out;
}
