import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CITIZEN_QUEUE } from './policy/policy-subject';

export const OFFICES_FILE = 'offices.json';

/**
 * The office keys of `PROCESSES_DIR/offices.json`, read once at boot. Identity needs only the
 * keys (is this office real?), so it reads the file itself rather than depending on the
 * catalogue, which validates the same file in full. "citizen" is never an office.
 */
export class OfficeDirectory {
  private readonly keys: ReadonlySet<string>;

  constructor(keys: Iterable<string>) {
    this.keys = new Set([...keys].filter((k) => k !== CITIZEN_QUEUE));
  }

  static fromProcessesDir(dir: string): OfficeDirectory {
    let raw: string;
    try {
      raw = readFileSync(join(dir, OFFICES_FILE), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new OfficeDirectory([]);
      throw e;
    }
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) throw new Error(`${join(dir, OFFICES_FILE)}: must be a list of offices`);
    return new OfficeDirectory(parsed.map((o: unknown) => (o as { key?: unknown } | null)?.key).filter((k): k is string => typeof k === 'string'));
  }

  has(office: string): boolean {
    return this.keys.has(office);
  }

  list(): string[] {
    return [...this.keys];
  }
}

export const OFFICE_DIRECTORY = Symbol('OFFICE_DIRECTORY');
