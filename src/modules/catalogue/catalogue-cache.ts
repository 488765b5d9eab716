/**
 * What this process remembers of the published catalogue, for `ttlMs`. Filing and completing
 * read the procedure and its forms on every request; they change only when a catalogue is
 * deployed: one deployed here clears the cache at once, one deployed by another app process is
 * seen within `ttlMs` (as the engine's newest model version is, see ModelsStore).
 *
 * A load in flight is shared by concurrent callers, except by callers that hold a pool connection
 * (an open transaction, `holdsConnection`): they load on their own connection instead of waiting.
 * Waiting would deadlock under load: a load started outside any transaction needs a free
 * connection, and when every connection belongs to a transaction waiting for that same load, none
 * is ever freed (seen on a click day: all connections idle in transaction after the case insert).
 */
export class CatalogueCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; readAt: number; settled: boolean }>();

  constructor(
    private readonly ttlMs: number,
    private readonly holdsConnection: () => boolean = () => false,
  ) {}

  /** The remembered value, or `load()`'s (shared as above); a failed load is not remembered. */
  get(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && now - hit.readAt < this.ttlMs && (hit.settled || !this.holdsConnection())) return hit.value;
    const entry = { value: load(), readAt: now, settled: false };
    this.entries.set(key, entry);
    entry.value.then(
      () => {
        entry.settled = true;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.value;
  }

  clear(): void {
    this.entries.clear();
  }
}
