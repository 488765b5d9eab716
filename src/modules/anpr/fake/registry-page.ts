import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesDir } from '../../web';
import type { SubjectRow } from './fake-anpr.repository';

const STATUS_LABELS: Record<SubjectRow['status'], string> = { resident: 'residente', deceased: 'deceduto', emigrated: 'emigrato' };
let compiled: HandlebarsTemplateDelegate | undefined;

/** The development ANPR's registry page (src/templates/dev-anpr/registro.html.hbs): HTML-escaped, no scripts. */
export function renderRegistryPage(registry: { unavailable: boolean; subjects: SubjectRow[] }): string {
  compiled ??= Handlebars.create().compile(readFileSync(join(templatesDir(), 'dev-anpr', 'registro.html.hbs'), 'utf8'), { strict: false });
  const subjects = registry.subjects.map((s) => ({
    ...s,
    statusLabel: STATUS_LABELS[s.status],
    isResident: s.status === 'resident',
    isDeceased: s.status === 'deceased',
    isEmigrated: s.status === 'emigrated',
  }));
  return compiled({ unavailable: registry.unavailable, subjects });
}
