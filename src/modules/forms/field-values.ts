import { toDecimal } from './decimal';
import type { FormComponent } from './form-schema.types';
import { kindOf } from './form-components';
import { FORMS_MESSAGES } from './forms.messages';

export type ValueCheck = { ok: true; value: unknown } | { ok: false; message: string };

const accept = (value: unknown): ValueCheck => ({ ok: true, value });
const reject = (message: string): ValueCheck => ({ ok: false, message });

/** The value form-js gives a field that is absent from the data: `defaultValue`, else the type's empty value. */
export function initialValue(component: FormComponent): unknown {
  if (component.defaultValue !== undefined) {
    return structuredClone(component.defaultValue);
  }
  return kindOf(component)?.emptyValue?.() ?? null;
}

/**
 * Checks the JSON type of a submitted value and normalises it like form-js `sanitizeValue` does
 * on import. Where form-js would silently replace a value the browser can never produce (a
 * string in a number field, a malformed date), the server refuses it instead, naming the field.
 * Empty equivalents (`null`, and `''` for non-text fields) become the field's empty value.
 */
export function checkValueType(component: FormComponent, raw: unknown): ValueCheck {
  if (raw === undefined) {
    return accept(initialValue(component));
  }
  switch (component.type) {
    case 'textfield':
      if (raw === null) return accept('');
      return typeof raw === 'string' ? accept(raw.replace(/[\r\n\t]/g, ' ')) : reject(FORMS_MESSAGES.notText);
    case 'textarea':
      if (raw === null) return accept('');
      return typeof raw === 'string' ? accept(raw) : reject(FORMS_MESSAGES.notText);
    case 'number':
      return checkNumber(component, raw);
    case 'datetime':
      return checkDateTime(component, raw);
    case 'checkbox':
      if (raw === null) return accept(false);
      return typeof raw === 'boolean' ? accept(raw) : reject(FORMS_MESSAGES.notBoolean);
    case 'checklist':
    case 'taglist':
      if (raw === null) return accept([]);
      return Array.isArray(raw) ? accept(raw) : reject(FORMS_MESSAGES.notList);
    case 'radio':
    case 'select':
      return raw === null || raw === '' ? accept(null) : accept(raw);
    case 'filepicker':
      return checkFileReferences(component, raw);
    case 'expression':
      // Computed by the server from the other fields; whatever the client sent is ignored.
      return accept(null);
    default:
      return accept(raw);
  }
}

function checkNumber(component: FormComponent, raw: unknown): ValueCheck {
  if (raw === null || raw === '') {
    return accept(null);
  }
  const asString = component.serializeToString === true;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return reject(FORMS_MESSAGES.notNumber);
    return accept(asString ? String(raw) : raw);
  }
  if (asString && typeof raw === 'string' && toDecimal(raw) !== null) {
    return accept(raw);
  }
  return reject(FORMS_MESSAGES.notNumber);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/;

export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function isClockTime(text: string): boolean {
  return TIME.test(text);
}

/**
 * The shapes the form-js date and time pickers serialise: `YYYY-MM-DD`, `HH:mm` with an optional
 * `Z` or `±HH:mm` (per `timeSerializingFormat`), and the two joined by `T`.
 */
function checkDateTime(component: FormComponent, raw: unknown): ValueCheck {
  if (raw === null || raw === '') {
    return accept(null);
  }
  const subtype = component.subtype ?? 'date';
  if (typeof raw !== 'string') {
    return reject(subtype === 'time' ? FORMS_MESSAGES.notTime : subtype === 'datetime' ? FORMS_MESSAGES.notDateTime : FORMS_MESSAGES.notDate);
  }
  if (subtype === 'time') {
    return isClockTime(raw) ? accept(raw) : reject(FORMS_MESSAGES.notTime);
  }
  if (subtype === 'datetime') {
    const [date, time, extra] = raw.split('T');
    const valid = extra === undefined && date !== undefined && time !== undefined && isCalendarDate(date) && isClockTime(time);
    return valid ? accept(raw) : reject(FORMS_MESSAGES.notDateTime);
  }
  return isCalendarDate(raw) ? accept(raw) : reject(FORMS_MESSAGES.notDate);
}

const ATTACHMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A filepicker's value in submitted data is the list of attachment ids the citizen uploaded for
 * it beforehand (contract 2), in place of the browser-local `files::…` key form-js holds until the
 * portal uploads the files. `multiple` (boolean, or a FEEL expression the server does not
 * evaluate) admits more than one; empty means no file, as form-js `required` reads it.
 */
function checkFileReferences(component: FormComponent, raw: unknown): ValueCheck {
  if (raw === null || raw === '') return accept(null);
  if (typeof raw === 'string' && raw.startsWith('files::')) return reject(FORMS_MESSAGES.fileNotUploaded);
  if (!Array.isArray(raw) || !raw.every((id) => typeof id === 'string' && ATTACHMENT_ID.test(id))) {
    return reject(FORMS_MESSAGES.notFileReference);
  }
  const ids = raw.map((id: string) => id.toLowerCase());
  if (new Set(ids).size !== ids.length) return reject(FORMS_MESSAGES.duplicateFile);
  const multiple = component.multiple === true || (typeof component.multiple === 'string' && component.multiple !== '' && component.multiple !== 'false');
  if (!multiple && ids.length > 1) return reject(FORMS_MESSAGES.singleFile);
  return accept(ids);
}
