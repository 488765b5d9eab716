import { Injectable } from '@nestjs/common';
import { parsePageRequest } from '../../common';
import { CatalogueService, ProcedureDetail, ProcedureSummary } from '../catalogue';
import { FormComponent } from '../forms';
import { PORTAL_MESSAGES as M } from './portal.messages';

export interface CatalogueQuery {
  q?: unknown;
  categoria?: unknown;
  evento?: unknown;
  ufficio?: unknown;
  page?: unknown;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim().slice(0, 100) : '');
const ALL = { page: 1, pageSize: 100, offset: 0 };
const PAGE_SIZE = 9;

/** View models of the public catalogue pages: home, service list, scheda servizio. */
@Injectable()
export class CataloguePagesService {
  constructor(private readonly catalogue: CatalogueService) {}

  async home(): Promise<object> {
    const { items } = await this.catalogue.list({}, ALL);
    return {
      title: 'Servizi online',
      categories: facet(items.map((p) => p.category)),
      lifeEvents: facet(items.flatMap((p) => p.lifeEvents)),
      services: items.slice(0, 6).map(card),
    };
  }

  /**
   * The catalogue with filters. Category, office and text filter in SQL; the life event (a list
   * per procedure) filters the catalogue's active procedures, which a Comune counts in hundreds.
   */
  async list(query: CatalogueQuery): Promise<object> {
    const filter = { q: str(query.q), categoria: str(query.categoria), evento: str(query.evento), ufficio: str(query.ufficio) };
    const page = parsePageRequest({ page: typeof query.page === 'string' ? query.page : '1', pageSize: String(PAGE_SIZE) });
    const [{ items: everything }, { items: matching }, offices] = await Promise.all([
      this.catalogue.list({}, ALL),
      this.catalogue.list({ q: filter.q || undefined, category: filter.categoria || undefined, office: filter.ufficio || undefined }, ALL),
      this.catalogue.offices(),
    ]);
    const filtered = filter.evento ? matching.filter((p) => p.lifeEvents.includes(filter.evento)) : matching;
    const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
    const current = Math.min(page.page, pages);
    const params = (n: number) => new URLSearchParams({ ...Object.fromEntries(Object.entries({ q: filter.q, categoria: filter.categoria, evento: filter.evento, ufficio: filter.ufficio }).filter(([, v]) => v)), page: String(n) }).toString();
    return {
      title: 'Servizi',
      breadcrumbs: [{ label: 'Servizi' }],
      filter,
      total: filtered.length,
      services: filtered.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map(card),
      categories: facet(everything.map((p) => p.category)).map((c) => ({ ...c, selected: c.name === filter.categoria })),
      lifeEvents: facet(everything.flatMap((p) => p.lifeEvents)).map((e) => ({ ...e, selected: e.name === filter.evento })),
      offices: offices.map((o) => ({ ...o, selected: o.key === filter.ufficio })),
      pagination:
        pages > 1
          ? Array.from({ length: pages }, (_, i) => ({ number: i + 1, href: `/servizi?${params(i + 1)}`, current: i + 1 === current }))
          : [],
    };
  }

  async scheda(key: string): Promise<object> {
    const p = await this.catalogue.get(key);
    return {
      title: p.title,
      breadcrumbs: [{ label: 'Servizi', href: '/servizi' }, { label: p.category, href: `/servizi?categoria=${encodeURIComponent(p.category)}` }, { label: p.title }],
      procedure: p,
      spid: M.spidLevels[p.spidLevel] ?? p.spidLevel,
      fee: p.feeCents ? null : M.free,
      needed: neededSections(p),
      steps: stepTitles(p),
      startHref: `/servizi/${p.key}/domanda`,
    };
  }
}

const card = (p: ProcedureSummary) => ({ key: p.key, title: p.title, category: p.category, href: `/servizi/${p.key}`, legalDays: p.legalDays });

function facet(values: string[]): Array<{ name: string; count: number; href: string }> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b, 'it')).map(([name, count]) => ({ name, count, href: '' }));
}

/** What the applicant must have ready: the labels of the start form's groups and required fields. */
function neededSections(p: ProcedureDetail): string[] {
  const components = (p.startForm.schema.components ?? []) as FormComponent[];
  return components
    .filter((c) => c.type === 'group' || (c.validate as { required?: boolean } | undefined)?.required)
    .filter((c) => c.type !== 'checkbox')
    .map((c) => String(c.label ?? ''))
    .filter(Boolean);
}

/** One wizard step per top-level group, the loose fields together in one more step. */
function stepTitles(p: ProcedureDetail): string[] {
  const components = (p.startForm.schema.components ?? []) as FormComponent[];
  return components.filter((c) => c.type === 'group').map((c) => String(c.label ?? ''));
}
