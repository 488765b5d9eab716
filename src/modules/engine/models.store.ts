import { Transactions } from '../../database';
import { EngineModelInvalidException, EngineProcessNotFoundException } from './engine.exceptions';
import { DeployResult, ModelVersion } from './engine.types';
import { ElementIndex, inspectModel, sha256, StartEventIndex } from './model-inspector';

interface VersionRow {
  id: string;
  process_key: string;
  version: number;
  hash: string;
  start_events: StartEventIndex[];
  elements: Record<string, ElementIndex>;
  created_at: Date;
}

interface CachedVersion extends ModelVersion {
  xml: string;
  startEvents: StartEventIndex[];
  elements: Record<string, ElementIndex>;
}

/**
 * How long this process trusts its knowledge of a key's newest version. A version deployed here
 * is seen at once; one deployed by another app process within this time.
 */
const CURRENT_TTL_MS = 5_000;

const toVersion = (r: VersionRow): ModelVersion => ({
  id: r.id,
  processKey: r.process_key,
  version: r.version,
  hash: r.hash,
  createdAt: r.created_at,
});

/**
 * Immutable model versions in engine_model_version. New cases get the newest version of a
 * process; a running instance keeps the version it started on (its row names it; the XML is
 * served from here, never copied into the instance). Versions never change, so they are
 * cached forever by id; "which is newest" is asked of the database each time, so a version
 * deployed by another process is seen at once.
 */
export class ModelsStore {
  private readonly byId = new Map<string, CachedVersion>();
  private readonly idBySource = new Map<string, string>();
  /** Newest version per key, re-read after CURRENT_TTL_MS (another process may have deployed). */
  private readonly currentByKey = new Map<string, { id: string; readAt: number }>();

  constructor(private readonly tx: Transactions) {}

  async deploy(processKey: string, xml: string): Promise<DeployResult> {
    const hash = sha256(xml);
    const inspected = await inspectModel(xml);
    if (!inspected.processIds.includes(processKey)) {
      throw new EngineModelInvalidException(processKey, [`no bpmn:process with id "${processKey}"`]);
    }
    return this.tx.run(async (em) => {
      // Serialise deploys of one key across processes, so versions stay gapless and unique.
      await em.query('select pg_advisory_xact_lock(hashtextextended($1, 7))', [`model:${processKey}`]);
      const [current] = (await em.query(
        'select * from engine_model_version where process_key = $1 order by version desc limit 1',
        [processKey],
      )) as VersionRow[];
      this.currentByKey.delete(processKey);
      if (current && current.hash === hash) return { ...toVersion(current), created: false };
      const [row] = (await em.query(
        `insert into engine_model_version (process_key, version, xml, hash, start_events, elements)
         values ($1, $2, $3, $4, $5::jsonb, $6::jsonb) returning *`,
        [processKey, (current?.version ?? 0) + 1, xml, hash, JSON.stringify(inspected.startEvents), JSON.stringify(inspected.elements)],
      )) as VersionRow[];
      return { ...toVersion(row), created: true };
    });
  }

  async current(processKey: string): Promise<CachedVersion> {
    const known = this.currentByKey.get(processKey);
    if (known && Date.now() - known.readAt < CURRENT_TTL_MS) return this.byVersionId(known.id);
    const [row] = (await this.tx
      .manager()
      .query('select id from engine_model_version where process_key = $1 order by version desc limit 1', [processKey])) as Array<{
      id: string;
    }>;
    if (!row) throw new EngineProcessNotFoundException(processKey);
    this.currentByKey.set(processKey, { id: row.id, readAt: Date.now() });
    return this.byVersionId(row.id);
  }

  async byVersionId(id: string): Promise<CachedVersion> {
    const hit = this.byId.get(id);
    if (hit) return hit;
    const [row] = (await this.tx
      .manager()
      .query('select *, xml from engine_model_version where id = $1', [id])) as Array<VersionRow & { xml: string }>;
    if (!row) throw new EngineProcessNotFoundException(id);
    const cached: CachedVersion = { ...toVersion(row), xml: row.xml, startEvents: row.start_events, elements: row.elements };
    this.byId.set(id, cached);
    this.idBySource.set(row.xml, id);
    return cached;
  }

  /** A version already loaded in this process (every running instance's is), without a query. */
  cached(id: string): CachedVersion | undefined {
    return this.byId.get(id);
  }

  /** The version a source string was served as (engine.start only hands us the XML back). */
  versionIdOfSource(xml: string): string | undefined {
    return this.idBySource.get(xml);
  }

  /** Forgets a version whose row was rolled back (a dry run's sandbox deploy), so no cache serves it again. */
  forget(processKey: string, id: string, xml: string): void {
    if (this.currentByKey.get(processKey)?.id === id) this.currentByKey.delete(processKey);
    this.byId.delete(id);
    if (this.idBySource.get(xml) === id) this.idBySource.delete(xml);
  }

  async listVersions(processKey: string): Promise<ModelVersion[]> {
    const rows = (await this.tx
      .manager()
      .query('select * from engine_model_version where process_key = $1 order by version', [processKey])) as VersionRow[];
    return rows.map(toVersion);
  }

  /** Current versions' start events catching a message or signal (for throwMessage/throwSignal). */
  async startEventsFor(kind: 'message' | 'signal', name: string): Promise<Array<{ processKey: string; elementId: string }>> {
    const field = kind === 'message' ? 'messageId' : 'signalId';
    const rows = (await this.tx.manager().query(
      `select distinct on (process_key) process_key, start_events from engine_model_version
       order by process_key, version desc`,
    )) as Array<{ process_key: string; start_events: StartEventIndex[] }>;
    return rows.flatMap((r) =>
      r.start_events.filter((e) => e[field] === name).map((e) => ({ processKey: r.process_key, elementId: e.elementId })),
    );
  }
}
