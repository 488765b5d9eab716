import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { COMMON_MESSAGES as M } from './common.messages';
import { DomainException, FieldError } from './domain.exception';

/** A NUL (PostgreSQL text refuses it) or a UTF-16 surrogate without its pair (not encodable as UTF-8). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAX_DEPTH = 32;

export const hasUnstorableCharacters = (s: string): boolean => UNSTORABLE.test(s);

/**
 * One check of every query, path and body value at the edge, before any handler: text that
 * PostgreSQL cannot store (NUL, lone surrogates) and query parameters given twice or as
 * structures are refused with 400 naming the field, instead of failing deep inside as a 500.
 */
@Injectable()
export class InputHygienePipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type === 'custom') return value;
    const errors: FieldError[] = [];
    if (meta.type === 'query') {
      if (meta.data) checkQueryValue(meta.data, value, errors);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) checkQueryValue(k, v, errors);
    } else if (meta.type === 'param') {
      if (meta.data) walk(meta.data, value, 0, errors);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(k, v, 0, errors);
    } else {
      walk(meta.data ?? '', value, 0, errors);
    }
    if (errors.length) throw new DomainException('REQUEST_INVALID_INPUT', 'invalid', M.invalidInput, { fieldErrors: errors.slice(0, 20) });
    return value;
  }
}

function checkQueryValue(key: string, value: unknown, errors: FieldError[]): void {
  if (hasUnstorableCharacters(key)) errors.push({ field: '(query)', message: M.forbiddenCharacters, code: 'characters' });
  else if (Array.isArray(value)) errors.push({ field: key, message: M.repeatedParameter, code: 'repeated' });
  else if (value !== undefined && typeof value !== 'string') errors.push({ field: key, message: M.structuredParameter, code: 'structured' });
  else if (typeof value === 'string' && hasUnstorableCharacters(value)) errors.push({ field: key, message: M.forbiddenCharacters, code: 'characters' });
}

function walk(path: string, value: unknown, depth: number, errors: FieldError[]): void {
  if (errors.length >= 20) return;
  if (typeof value === 'string') {
    if (hasUnstorableCharacters(value)) errors.push({ field: path || '(body)', message: M.forbiddenCharacters, code: 'characters' });
    return;
  }
  if (!value || typeof value !== 'object') return;
  if (depth >= MAX_DEPTH) {
    errors.push({ field: path || '(body)', message: M.tooDeep, code: 'depth' });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(path ? `${path}.${i}` : String(i), v, depth + 1, errors));
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    const field = path ? `${path}.${k}` : k;
    if (hasUnstorableCharacters(k)) errors.push({ field: path || '(body)', message: M.forbiddenCharacters, code: 'characters' });
    else walk(field, v, depth + 1, errors);
  }
}
