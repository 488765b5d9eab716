/**
 * What this process remembers of the published catalogue, for `ttlMs`. Filing and completing
 * read the procedure and its forms on every request; they change only when a catalogue is
 * deployed: one deployed here clears the cache at once, one deployed by another app process is
 * seen within `ttlMs` (as the engine's newest model version is, see ModelsStore).
 */
export class CatalogueCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; readAt: number }>();

  constructor(private readonly ttlMs: number) {}

  /** The remembered value, or `load()`'s (shared by concurrent callers); a failed load is not remembered. */
  get(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && now - hit.readAt < this.ttlMs) return hit.value;
    const value = load();
    this.entries.set(key, { value, readAt: now });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
