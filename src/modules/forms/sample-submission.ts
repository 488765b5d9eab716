import { type DataPath, type DataRecord, setAt } from './data-path';
import { optionValues } from './field-rules';
import { childrenOf, isRepeating, kindOf, ownPathSegments } from './form-components';
import type { FormComponent, FormSchema } from './form-schema.types';
import { samplePattern } from './sample-pattern';

/** What sample values are made of: the day dates default to, and the texts (Italian, the analyst reads them). */
export interface SampleOptions {
  /** `YYYY-MM-DD`, for date fields without a bound. */
  today: string;
  text: string;
  email: string;
  phone: string;
}

/** A file reference that names no upload: a dry run stores no attachment. */
export const SAMPLE_ATTACHMENT_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Data a citizen or an operator could submit with a form-js schema, for a dry run: every input at
 * its path, following its rules where they can be read without evaluating FEEL (required, type,
 * options, min/max, lengths, decimal digits, increment, pattern, e-mail and phone presets). A
 * field's `defaultValue` wins. Values computed by FEEL (`valuesKey`, `valuesExpression`, FEEL
 * bounds) get the field's empty value; the analyst edits them before the step.
 */
export function sampleSubmission(schema: FormSchema, options: SampleOptions): DataRecord {
  const data: DataRecord = {};
  fill(schema.components, data, [], options);
  return data;
}

function fill(components: FormComponent[], data: DataRecord, prefix: DataPath, o: SampleOptions): void {
  for (const component of components) {
    const kind = kindOf(component);
    if (!kind) continue;
    const path = [...prefix, ...ownPathSegments(component)];
    if (kind.keyed) {
      if (path.length === prefix.length || component.type === 'expression') continue;
      setAt(data, path, component.defaultValue !== undefined ? component.defaultValue : sampleValue(component, o));
    } else if (isRepeating(component) && path.length > prefix.length) {
      const items = Math.max(1, component.defaultRepetitions ?? 1);
      setAt(data, path, []);
      for (let i = 0; i < items; i += 1) fill(childrenOf(component), data, [...path, i], o);
    } else {
      fill(childrenOf(component), data, path, o);
    }
  }
}

function sampleValue(c: FormComponent, o: SampleOptions): unknown {
  const options = Array.isArray(c.values) && c.valuesKey === undefined ? optionValues(c.values) : [];
  switch (c.type) {
    case 'checkbox':
      return true;
    case 'radio':
    case 'select':
      return options[0] ?? null;
    case 'checklist':
    case 'taglist':
      return options.length ? [options[0]] : [];
    case 'number':
      return sampleNumber(c);
    case 'datetime':
      return c.subtype === 'time' ? '09:00' : c.subtype === 'datetime' ? `${o.today}T09:00` : o.today;
    case 'filepicker':
      return [SAMPLE_ATTACHMENT_ID];
    default:
      return sampleText(c, o);
  }
}

const literal = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);

/** The smallest value allowed that is not zero (form-js skips digit and increment checks on zero, the portal does not). */
function sampleNumber(c: FormComponent): number {
  const min = literal(c.validate?.min);
  const max = literal(c.validate?.max);
  const step = literal(c.increment);
  const digits = typeof c.decimalDigits === 'number' ? c.decimalDigits : undefined;
  let value = min !== undefined && min !== 0 ? min : Math.min(1, max ?? 1);
  if (step && step > 0) value = Math.ceil(value / step) * step;
  if (digits !== undefined) {
    const scale = 10 ** digits;
    value = Math.ceil(value * scale - 1e-9) / scale;
  }
  if (max !== undefined && value > max) value = max;
  return value;
}

function sampleText(c: FormComponent, o: SampleOptions): string {
  const v = c.validate ?? {};
  if (v.validationType === 'email') return o.email;
  if (v.validationType === 'phone') return o.phone;
  let text = typeof v.pattern === 'string' && v.pattern !== '' ? (samplePattern(v.pattern) ?? '') : o.text;
  const min = literal(v.minLength);
  const max = literal(v.maxLength);
  while (min !== undefined && text.length < min && !v.pattern) text = `${text} ${o.text}`;
  if (max !== undefined && text.length > max) text = text.slice(0, max).trimEnd();
  return text;
}
