import { DomainException, FieldError } from './domain.exception';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageRequest {
  page: number;
  pageSize: number;
  offset: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Parses `page`/`pageSize` query values, naming the field on bad input. */
export function parsePageRequest(query: { page?: unknown; pageSize?: unknown }): PageRequest {
  const fieldErrors: FieldError[] = [];
  const read = (name: 'page' | 'pageSize', fallback: number, max: number): number => {
    const raw = query[name];
    if (raw === undefined || raw === '') return fallback;
    const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < 1 || n > max) {
      fieldErrors.push({ field: name, message: `must be an integer between 1 and ${max}` });
      return fallback;
    }
    return n;
  };
  const page = read('page', 1, 1_000_000);
  const pageSize = read('pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (fieldErrors.length) {
    throw new DomainException('COMMON_BAD_PAGINATION', 'invalid', 'Parametri di paginazione non validi', {
      fieldErrors,
    });
  }
  return { page, pageSize, offset: (page - 1) * pageSize };
}
