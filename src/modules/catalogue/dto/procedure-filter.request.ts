import { FieldError } from '../../../common';
import { CatalogueBadFilterException } from '../catalogue.exceptions';
import { CATALOGUE_MESSAGES } from '../catalogue.messages';
import { ProcedureFilter } from '../catalogue.types';

const MAX_LENGTH = 100;

/** Reads `office`, `category` and `q` from a query string, naming the field on bad input. */
export function parseProcedureFilter(query: Record<string, unknown>): ProcedureFilter {
  const fieldErrors: FieldError[] = [];
  const read = (field: keyof ProcedureFilter): string | undefined => {
    const raw = query[field];
    if (raw === undefined || raw === '') return undefined;
    if (typeof raw !== 'string') {
      fieldErrors.push({ field, message: CATALOGUE_MESSAGES.filterNotText });
      return undefined;
    }
    const value = raw.trim();
    if (value.length > MAX_LENGTH) fieldErrors.push({ field, message: CATALOGUE_MESSAGES.filterTooLong(MAX_LENGTH) });
    return value === '' ? undefined : value;
  };
  const filter: ProcedureFilter = { office: read('office'), category: read('category'), q: read('q') };
  if (fieldErrors.length) throw new CatalogueBadFilterException(fieldErrors);
  return filter;
}
