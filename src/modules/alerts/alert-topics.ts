import { readFileSync } from 'node:fs';
import { ALERTS_MESSAGES as M } from './alerts.messages';

export interface AlertTopic {
  key: string;
  title: string;
  description: string;
}

/** DI token of the topic list, read and checked once at boot. */
export const ALERT_TOPICS = Symbol('ALERT_TOPICS');

const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The topics citizens may subscribe to, from ALERT_TOPICS_FILE (a JSON list of
 * {key, title, description}); a missing file means no topics. A malformed file stops the boot.
 */
export function loadAlertTopics(file: string): AlertTopic[] {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const fail = (why: string): never => {
    throw new Error(M.topicsFile(file, why));
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return fail('not JSON');
  }
  if (!Array.isArray(parsed)) return fail('must be a list');
  const seen = new Set<string>();
  return parsed.map((t: unknown, i) => {
    const o = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>;
    if (typeof o.key !== 'string' || !KEY.test(o.key) || o.key.length > 60) fail(`[${i}].key: lower-case words joined by "-"`);
    if (seen.has(o.key as string)) fail(`[${i}].key: "${String(o.key)}" twice`);
    seen.add(o.key as string);
    if (typeof o.title !== 'string' || o.title.trim().length < 2 || o.title.length > 80) fail(`[${i}].title: 2 to 80 characters`);
    if (o.description !== undefined && (typeof o.description !== 'string' || o.description.length > 300)) fail(`[${i}].description: up to 300 characters`);
    return { key: o.key as string, title: (o.title as string).trim(), description: (o.description as string | undefined) ?? '' };
  });
}
