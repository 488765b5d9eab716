/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * The reference for `npm run bench:engine`: bpmn-server 2.3.8 exactly as shipped (its Engine,
 * pauses, re-parsing and stock logger, console output off), on a minimal in-memory store that
 * keeps a serialised copy per instance as a document database would. Runs in its own process,
 * so none of our patches are loaded. Prints one JSON line with the results.
 */
import { readFileSync } from 'node:fs';
import { runLoad } from '../../../bench/lifecycle-load';

type Doc = Record<string, unknown> & { id: string; items: Array<Record<string, unknown>>; tokens: Array<{ dataPath?: string }>; data: Record<string, unknown> };

async function main(): Promise<void> {
  const [xmlPath, sequentialArg, concurrentArg] = process.argv.slice(2);
  const xml = readFileSync(xmlPath, 'utf8');
  const bpmn = require('bpmn-server') as typeof import('bpmn-server');
  const docs = new Map<string, string>();

  const store = {
    dbConfiguration: {},
    db: null,
    locker: { lock: async () => true, release: async () => undefined },
    async saveInstance(instance: Doc) {
      const copy = { ...instance } as Record<string, unknown>;
      if (!instance.saved) instance.saved = new Date();
      instance.version = instance.version == null ? 0 : Number(instance.version) + 1;
      copy.saved = instance.saved;
      docs.set(instance.id, JSON.stringify(copy));
    },
    async save(instance: Doc) {
      return store.saveInstance(instance);
    },
    async findInstance(query: { id: string }) {
      const doc = docs.get(query.id);
      if (!doc) throw new Error(`no instance ${query.id}`);
      const inst = JSON.parse(doc) as Doc;
      inst.logs = [];
      return inst;
    },
    async findItems(query: Record<string, string>) {
      for (const raw of docs.values()) {
        const inst = JSON.parse(raw) as Doc;
        const item = inst.items.find((i) => i.id === query['items.id']);
        if (item) return [{ ...item, processName: inst.name, instanceId: inst.id, instanceVersion: inst.version, instanceData: inst.data, data: inst.data }];
      }
      return [];
    },
  };
  const models = {
    getSource: async () => xml,
    getSVG: async () => '',
    findEvents: async () => [],
  };
  const logger = new bpmn.Logger({ toConsole: false });
  const config = new bpmn.Configuration({
    definitionsPath: undefined,
    templatesPath: undefined,
    timers: { forceTimersDelay: 0, precision: 3000 },
    database: { MongoDB: {} },
    apiKey: undefined,
    logger,
    definitions: () => models,
    appDelegate: (server: unknown) => new bpmn.DefaultAppDelegate(server),
    dataStore: () => store,
    cacheManager: (server: unknown) => new bpmn.NoCacheManager(server as never),
    scriptHandler: () => new bpmn.ScriptHandler(),
  } as never);
  const log = console.log;
  console.log = () => undefined; // bpmn-server prints on construction and on every exception
  const server = new bpmn.BPMNServer(config, logger as never, { cron: false });
  const engine = server.engine as unknown as {
    start(name: string, data: object): Promise<{ instance: { id: string; items: Array<{ id: string; elementId: string; status: string }> } }>;
    invoke(q: object, data: object): Promise<{ instance: { status: string } }>;
  };

  const lifecycle = async (): Promise<void> => {
    const exec = await engine.start('lifecycle', { caseId: 'bench' });
    const task = exec.instance.items.find((i) => i.elementId === 'Review' && i.status === 'wait');
    if (!task) throw new Error('no waiting task');
    const done = await engine.invoke({ 'items.id': task.id }, { esito: 'ok' });
    if (done.instance.status !== 'end') throw new Error('lifecycle did not end');
    docs.delete(exec.instance.id); // keep the store as small as a real one's working set
  };
  await runLoad(20, 1, lifecycle); // warm-up
  const sequential = await runLoad(Number(sequentialArg), 1, lifecycle);
  const concurrent = await runLoad(Number(concurrentArg), 16, lifecycle);
  console.log = log;
  process.stdout.write(`${JSON.stringify({ sequential, concurrent })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
