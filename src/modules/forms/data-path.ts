/** A location in submitted data: object keys and array indexes, e.g. `['figli', 0, 'nome']`. */
export type DataPath = ReadonlyArray<string | number>;

export type DataRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is DataRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getAt(data: unknown, path: DataPath): unknown {
  let current: unknown = data;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') {
      current = current[segment];
    } else if (isRecord(current) && typeof segment === 'string' && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

/** Segments that would reach an object's prototype; form-js refuses them too. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets a value, creating objects (or arrays before a numeric segment) on the way. */
export function setAt(data: DataRecord, path: DataPath, value: unknown): void {
  if (path.length === 0) {
    return;
  }
  if (path.some((segment) => typeof segment === 'string' && FORBIDDEN_SEGMENTS.has(segment))) {
    throw new Error(`illegal data path ${path.join('.')}`);
  }
  let current: DataRecord | unknown[] = data;
  path.forEach((segment, index) => {
    const last = index === path.length - 1;
    const container = current as Record<string | number, unknown>;
    if (last) {
      container[segment] = value;
      return;
    }
    const nextIsIndex = typeof path[index + 1] === 'number';
    const existing = container[segment];
    const fits = nextIsIndex ? Array.isArray(existing) : isRecord(existing);
    if (!fits) {
      container[segment] = nextIsIndex ? [] : {};
    }
    current = container[segment] as DataRecord | unknown[];
  });
}

/**
 * Removes the value at a path and then every parent left empty, as form-js does when it strips
 * hidden fields from the data that conditions see (`_cleanlyClearDataAtPath`).
 */
export function clearAt(data: DataRecord, path: DataPath): void {
  const working = [...path];
  while (working.length > 0) {
    const last = working.pop() as string | number;
    const parent = getAt(data, working);
    if (Array.isArray(parent) && typeof last === 'number') {
      parent[last] = undefined;
    } else if (isRecord(parent) && typeof last === 'string') {
      delete parent[last];
    }
    const emptied =
      (isRecord(parent) && Object.keys(parent).length === 0) ||
      (Array.isArray(parent) && parent.every((item) => item === undefined));
    if (!emptied) {
      return;
    }
  }
}

/** `richiedente.email`, `figli[0].nome`: how a path is named in field errors. */
export function formatPath(path: DataPath): string {
  return path.reduce<string>((name, segment) => {
    if (typeof segment === 'number') {
      return `${name}[${segment}]`;
    }
    return name === '' ? segment : `${name}.${segment}`;
  }, '');
}

/** Structured clone of JSON-like data (submitted data is JSON). */
export function cloneData<T>(value: T): T {
  return structuredClone(value);
}
