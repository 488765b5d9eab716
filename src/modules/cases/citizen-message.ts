/** A `{{name}}` or `{{group.name}}` placeholder in a diagram's citizenMessage. */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)\s*\}\}/g;
const MAX_VALUE = 2000;

/**
 * The timeline message of a step: the diagram's citizenMessage with each `{{field}}` replaced by
 * that process field as the office wrote it (e.g. what an integration request asks, why an
 * application was refused). Only the fields the analyst names reach the citizen; a missing or
 * non-text field leaves nothing, and a long value is cut.
 */
export function citizenMessage(template: string, data: Record<string, unknown>): string {
  return template
    .replace(PLACEHOLDER, (_all, path: string) => {
      let v: unknown = data;
      for (const key of path.split('.')) v = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
      if (typeof v === 'number' && Number.isFinite(v)) return String(v);
      if (typeof v !== 'string') return '';
      const text = v.trim();
      return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
    })
    .trim();
}
