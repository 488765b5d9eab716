import { Injectable } from '@nestjs/common';
import { DomainException, FieldError } from '../../common';
import { Transactions } from '../../database';
import { AuditService, auditActorOf } from '../audit';
import { CatalogueService } from '../catalogue';
import { OperatorPrincipal, StaffAuthService } from '../identity';
import { parseInboxQuery, TaskActor, TasksService, TaskView } from '../tasks';
import { CONSOLE_MESSAGES as M } from './console.messages';
import { deadlineRisk, romeToday } from './deadline-risk';
import { SavedFiltersRepository } from './saved-filters.repository';

type Operator = Extract<TaskActor, { kind: 'operator' }>;

/** The inbox's filter fields, named as the API names them (the same parser reads both). */
export const FILTER_KEYS = ['state', 'completedBy', 'office', 'procedure', 'status', 'assignee', 'dueBefore', 'q', 'sort'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Partial<Record<FilterKey, string>>;

const TASK_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const MAX_BULK = 100;
const MAX_SAVED = 20;
const PAGE_SIZE = 20;
const NAME_MAX = 60;

export interface BulkResult {
  id: string;
  ok: boolean;
  protocol: string | null;
  procedure: string | null;
  citizen: string | null;
  text: string;
  href: string;
}

export const operatorOf = (p: OperatorPrincipal): Operator => ({ kind: 'operator', userId: p.userId, offices: p.offices, headOf: p.headOf });

/** Only the filter fields of a query, as strings, empty ones dropped. */
export function filtersOf(raw: Record<string, unknown>): Filters {
  const out: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = raw[k];
    if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim().slice(0, 200);
  }
  return out;
}

export const queryString = (f: Filters, extra: Record<string, string> = {}): string => new URLSearchParams({ ...f, ...extra } as Record<string, string>).toString();

/**
 * The console inbox: the operator's offices' open tasks (or the completed ones) through the tasks
 * service's inbox and cursor, the filter form's options, the operator's saved filters, and bulk
 * claim / (office heads) bulk assign with each task's outcome.
 */
@Injectable()
export class ConsoleInboxService {
  private readonly saved: SavedFiltersRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly tasks: TasksService,
    private readonly catalogue: CatalogueService,
    private readonly staff: StaffAuthService,
    private readonly audit: AuditService,
  ) {
    this.saved = new SavedFiltersRepository(tx);
  }

  async page(p: OperatorPrincipal, raw: Record<string, unknown>, address: string | undefined): Promise<object> {
    const actor = operatorOf(p);
    const filters = filtersOf(raw);
    const cursor = typeof raw.cursor === 'string' && raw.cursor ? raw.cursor : undefined;
    const completed = filters.state === 'completed';
    let items: TaskView[] = [];
    let nextCursor: string | null = null;
    let fieldErrors: FieldError[] = [];
    try {
      const parsed = parseInboxQuery({ ...filters, cursor, pageSize: String(PAGE_SIZE) }, p.userId);
      // The list names citizens: the view is on the audit trail like a case read.
      ({ items, nextCursor } = await this.audit.audited(
        { actor: auditActorOf(p), action: 'page.view', resource: { type: 'page', id: '/console' }, channel: 'web', address: address ?? null },
        () => this.tasks.inbox(actor, parsed),
      ));
    } catch (e) {
      if (!(e instanceof DomainException) || e.code !== 'TASK_INVALID_QUERY') throw e;
      fieldErrors = e.details.fieldErrors ?? [];
    }
    const names = await this.namesOf(p.offices);
    const nameOf = (id: string | null): string => (id ? (names.get(id) ?? id) : '');
    const today = romeToday();
    const offices = await this.catalogue.offices();
    const officeName = new Map(offices.map((o) => [o.key, o.name]));
    const procedures = (await this.catalogue.list({}, { page: 1, pageSize: 100, offset: 0 })).items.filter((x) => p.offices.includes(x.office));
    const errorOf = (field: string) => fieldErrors.find((e) => e.field === field)?.message ?? null;
    const option = (value: string, label: string, current: string | undefined) => ({ value, label, selected: (current ?? '') === value });
    const notice = typeof raw.avviso === 'string' ? noticeText(raw.avviso) : null;
    const savedFilters = (await this.saved.list(p.userId)).map((s) => ({ ...s, href: `/console?${s.query}`, current: s.query === queryString(filters) }));
    const heads = p.headOf.length > 0 && !completed;
    const assignees = heads ? await this.assigneeOptions(p.headOf, officeName) : [];
    return {
      title: completed ? M.completedTitle : M.inboxTitle,
      consoleNav: completed ? 'completate' : 'inbox',
      breadcrumbs: [{ label: M.breadcrumbConsole }],
      completed,
      filters,
      currentQuery: queryString(filters),
      returnTo: `/console${Object.keys(filters).length ? `?${queryString(filters)}` : ''}`,
      notice,
      invalid: fieldErrors.length > 0,
      errors: { office: errorOf('office'), procedure: errorOf('procedure'), status: errorOf('status'), assignee: errorOf('assignee'), dueBefore: errorOf('dueBefore'), q: errorOf('q'), sort: errorOf('sort'), completedBy: errorOf('completedBy'), cursor: errorOf('cursor') },
      errorSummary: fieldErrors.map((e) => ({ field: e.field, message: e.message })),
      officeOptions: [option('', M.anyOffice, filters.office), ...p.offices.map((o) => option(o, officeName.get(o) ?? o, filters.office))],
      procedureOptions: [option('', M.anyProcedure, filters.procedure), ...procedures.map((x) => option(x.key, x.title, filters.procedure))],
      statusOptions: (['open', 'unclaimed', 'claimed'] as const).map((s) => option(s, M.statusFilter[s], filters.status ?? 'open')),
      assigneeOptions: [option('', M.anyAssignee, filters.assignee), option('me', M.assignedToMe, filters.assignee), ...[...names].filter(([id]) => id !== p.userId).map(([id, name]) => option(id, name, filters.assignee))],
      completedByOptions: (['office', 'me'] as const).map((s) => option(s, M.completedBy[s], filters.completedBy ?? 'office')),
      sortOptions: (completed ? (['completed', 'created', 'due'] as const) : (['created', 'due'] as const)).map((s) => option(s, M.sortOptions[s], filters.sort ?? (completed ? 'completed' : 'created'))),
      rows: items.map((t) => {
        const risk = deadlineRisk(t.dueAt, today);
        return {
          id: t.id,
          href: `/console/attivita/${encodeURIComponent(t.id)}`,
          name: t.name ?? t.elementId,
          protocol: t.protocolNumber,
          procedure: t.procedure.title,
          office: officeName.get(t.office) ?? t.office,
          citizen: t.citizenName,
          received: t.createdAt,
          due: t.dueAt,
          completedAt: t.completedAt,
          completedBy: t.completedBy ? nameOf(t.completedBy.replace(/^operator:/, '')) : '',
          risk,
          daysText: risk.daysLeft === null ? '' : daysText(risk.daysLeft),
          statusLabel: t.status !== 'open' ? M.status[t.status] : t.assignee ? M.status.claimed : M.status.open,
          assignee: t.assignee === p.userId ? M.claimedByYou : nameOf(t.assignee),
        };
      }),
      nextHref: nextCursor ? `/console?${queryString(filters, { cursor: nextCursor })}` : null,
      firstHref: cursor ? `/console${Object.keys(filters).length ? `?${queryString(filters)}` : ''}` : null,
      savedFilters,
      isHead: heads,
      assignees,
    };
  }

  /** Claims (or, for an office head, assigns) each selected task on its own: one outcome per task. */
  async bulk(p: OperatorPrincipal, body: Record<string, unknown>, address: string | undefined): Promise<{ redirect: string } | { view: object }> {
    const back = safeConsolePath(body.ritorno);
    const ids = (Array.isArray(body.attivita) ? body.attivita : [body.attivita]).filter((v): v is string => typeof v === 'string' && TASK_ID.test(v));
    const action = body.azione;
    if (action !== 'prendi' && action !== 'assegna') return { redirect: withNotice(back, 'azione-sconosciuta') };
    if (ids.length === 0) return { redirect: withNotice(back, 'nessuna-selezione') };
    if (ids.length > MAX_BULK) return { redirect: withNotice(back, 'troppe') };
    const target = typeof body.operatore === 'string' ? body.operatore.trim() : '';
    if (action === 'assegna' && !target) return { redirect: withNotice(back, 'operatore-mancante') };
    const actor = operatorOf(p);
    const names = await this.namesOf(p.offices);
    const nameOf = (id: string) => names.get(id) ?? id;
    const results: BulkResult[] = [];
    for (const id of [...new Set(ids)]) {
      const href = `/console/attivita/${encodeURIComponent(id)}`;
      let task: TaskView | null = null;
      try {
        task = await this.tasks.get(id, actor);
        const record = { actor: auditActorOf(p), action: action === 'prendi' ? 'task.claim' : 'task.assign', resource: { type: 'task' as const, id }, channel: 'web' as const, address: address ?? null };
        if (action === 'prendi') await this.audit.audited(record, () => this.tasks.claim(id, actor));
        else await this.audit.audited(record, () => this.tasks.assign(id, actor, target));
        results.push({ id, ok: true, protocol: task.protocolNumber, procedure: task.procedure.title, citizen: task.citizenName, text: action === 'prendi' ? M.bulk.claimed : M.bulk.assigned(nameOf(target)), href });
      } catch (e) {
        if (!(e instanceof DomainException)) throw e;
        const text =
          e.code === 'TASK_CLAIMED_BY_OTHER' && typeof e.details.assignee === 'string'
            ? M.claimedByOther(nameOf(e.details.assignee))
            : (e.details.fieldErrors?.[0]?.message ? `${e.message}: ${e.details.fieldErrors[0].message}` : e.message) || M.bulk.failed;
        results.push({ id, ok: false, protocol: task?.protocolNumber ?? null, procedure: task?.procedure.title ?? null, citizen: task?.citizenName ?? null, text, href });
      }
    }
    return {
      view: {
        title: action === 'prendi' ? M.bulk.claimTitle : M.bulk.assignTitle,
        consoleNav: 'inbox',
        breadcrumbs: [{ label: M.breadcrumbConsole, href: '/console' }, { label: action === 'prendi' ? M.bulk.claimTitle : M.bulk.assignTitle }],
        results,
        succeeded: results.filter((r) => r.ok).length,
        failed: results.filter((r) => !r.ok).length,
        back,
      },
    };
  }

  /** Saves the current filters under a name (replacing a filter of the same name). */
  async saveFilter(p: OperatorPrincipal, body: Record<string, unknown>): Promise<string> {
    const raw = typeof body.filtri === 'string' ? Object.fromEntries(new URLSearchParams(body.filtri)) : {};
    const filters = filtersOf(raw);
    const query = queryString(filters);
    const back = `/console${query ? `?${query}` : ''}`;
    const name = typeof body.nome === 'string' ? body.nome.trim() : '';
    if (!name || name.length > NAME_MAX) return withNotice(back, 'filtro-nome');
    // Only a filter the inbox accepts is kept: a saved filter always opens.
    try {
      parseInboxQuery(filters, p.userId);
    } catch (e) {
      if (e instanceof DomainException && e.code === 'TASK_INVALID_QUERY') return back;
      throw e;
    }
    return this.tx.run(async () => {
      if (!(await this.saved.exists(p.userId, name)) && (await this.saved.count(p.userId)) >= MAX_SAVED) return withNotice(back, 'filtri-troppi');
      await this.saved.save(p.userId, name, query);
      return withNotice(back, 'filtro-salvato');
    });
  }

  async deleteFilter(p: OperatorPrincipal, id: string): Promise<string> {
    const ok = /^[0-9a-f-]{36}$/i.test(id) && (await this.tx.run(() => this.saved.delete(p.userId, id)));
    return withNotice('/console', ok ? 'filtro-eliminato' : 'filtro-inesistente');
  }

  /** Display names of the operators of the given offices. */
  private async namesOf(offices: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const office of offices) for (const m of await this.staff.membersOf(office)) names.set(m.id, m.name);
    return names;
  }

  private async assigneeOptions(headOf: string[], officeName: Map<string, string>): Promise<Array<{ value: string; label: string }>> {
    const out: Array<{ value: string; label: string }> = [];
    for (const office of headOf) for (const m of await this.staff.membersOf(office)) out.push({ value: m.id, label: `${m.name} (${officeName.get(office) ?? office})` });
    return out.filter((o, i) => out.findIndex((x) => x.value === o.value) === i);
  }
}

function daysText(days: number): string {
  if (days < 0) return days === -1 ? 'scaduta da 1 giorno' : `scaduta da ${-days} giorni`;
  if (days === 0) return 'scade oggi';
  return days === 1 ? 'manca 1 giorno' : `mancano ${days} giorni`;
}

const NOTICES: Record<string, string> = {
  'azione-sconosciuta': M.unknownAction,
  'nessuna-selezione': M.noSelection,
  troppe: M.tooMany,
  'operatore-mancante': M.operatorRequired,
  'filtro-salvato': M.savedFilter.saved,
  'filtro-eliminato': M.savedFilter.deleted,
  'filtro-nome': M.savedFilter.nameRequired,
  'filtri-troppi': M.savedFilter.tooMany,
  'filtro-inesistente': M.savedFilter.notFound,
};

const noticeText = (key: string): { text: string; ok: boolean; field: string | null } | null =>
  NOTICES[key] ? { text: NOTICES[key], ok: key === 'filtro-salvato' || key === 'filtro-eliminato', field: key === 'filtro-nome' ? 'nome' : key === 'operatore-mancante' ? 'operatore' : null } : null;

/** A return path inside the inbox (never elsewhere): the bulk form sends the inbox URL it was on. */
function safeConsolePath(v: unknown): string {
  return typeof v === 'string' && /^\/console(\?[^\\\s]*)?$/.test(v) && v.length <= 1000 ? v : '/console';
}

function withNotice(path: string, notice: string): string {
  const url = new URL(path, 'http://x');
  url.searchParams.delete('cursor');
  url.searchParams.set('avviso', notice);
  return `${url.pathname}${url.search}`;
}
