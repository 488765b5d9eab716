import { Injectable } from '@nestjs/common';
import { fiscalCodeProblem, normaliseFiscalCode } from '../../../common';
import { Transactions } from '../../../database';
import { auditActorOf, AuditService } from '../../audit';
import { CaseMessagesUseCase, CasesService, CaseView } from '../../cases';
import { CatalogueService } from '../../catalogue';
import { DocumentsService, DocumentView } from '../../documents';
import type { OperatorPrincipal } from '../../identity';
import { DeskNotFoundException } from './desk.exceptions';
import { DeskQueryRepository, KnownCitizenRow } from './desk-query.repository';
import { DESK_MESSAGES as M } from './desk.messages';

export interface DeskSearchResult {
  fiscalCode: string;
  name: string;
  cases: number;
  href: string;
}

export interface DeskCitizen {
  fiscalCode: string;
  givenName: string;
  familyName: string;
  email: string | null;
}

const NAME_WORD = /^[\p{L}'’.-]{2,40}$/u;

/**
 * The front desk's read side: finding a citizen and the citizen-360. An office operator sees the
 * citizen's cases of their offices only; a desk operator (role sportello) sees them all. Every
 * opening of a citizen's data is written to the audit trail, in the same transaction as the read.
 */
@Injectable()
export class CitizenDeskService {
  private readonly repo: DeskQueryRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly cases: CasesService,
    private readonly documents: DocumentsService,
    private readonly messages: CaseMessagesUseCase,
    private readonly catalogue: CatalogueService,
    private readonly audit: AuditService,
  ) {
    this.repo = new DeskQueryRepository(tx);
  }

  /** A fiscal code goes straight to its citizen-360; otherwise every word must appear in the name. */
  async search(query: unknown): Promise<{ query: string; error?: string; redirect?: string; results: DeskSearchResult[]; searched: boolean }> {
    const q = typeof query === 'string' ? query.trim() : '';
    if (!q) return { query: '', results: [], searched: false };
    if (q.length > 80) return { query: q.slice(0, 80), error: M.searchTooLong, results: [], searched: true };
    const compact = q.replace(/\s+/g, '');
    if (/\d/.test(compact) || (compact.length === 16 && !q.includes(' '))) {
      const fiscalCode = normaliseFiscalCode(compact);
      const problem = fiscalCodeProblem(fiscalCode);
      if (problem) return { query: q, error: M.fiscalCode[problem], results: [], searched: true };
      return { query: q, redirect: citizenHref(fiscalCode), results: [], searched: true };
    }
    const words = q.split(/\s+/);
    if (!words.every((w) => NAME_WORD.test(w))) return { query: q, error: M.searchEmpty, results: [], searched: true };
    const rows = await this.repo.searchByName(words);
    return { query: q, results: rows.map(result), searched: true };
  }

  /** Who the citizen is, as far as the Comune knows (names typed in cases or drafts); the fiscal code is validated. */
  async citizen(rawFiscalCode: string): Promise<DeskCitizen> {
    const fiscalCode = validFiscalCode(rawFiscalCode);
    const known = await this.repo.find(fiscalCode);
    return { fiscalCode, givenName: known?.given_name ?? '', familyName: known?.family_name ?? '', email: known?.email ?? null };
  }

  /** Ids of the citizen's cases the operator may see (newest first). */
  visibleCaseIds(operator: OperatorPrincipal, fiscalCode: string): Promise<string[]> {
    return this.repo.caseIds(fiscalCode, operator.desk ? null : operator.offices);
  }

  async view(operator: OperatorPrincipal, rawFiscalCode: string, address: string | undefined): Promise<object> {
    const citizen = await this.citizen(rawFiscalCode);
    const fc = citizen.fiscalCode;
    return this.audit.audited({ actor: auditActorOf(operator), action: 'citizen.view', resource: { type: 'citizen', id: fc }, channel: operator.desk ? 'desk' : 'web', address: address ?? null }, async () => {
      const ids = await this.visibleCaseIds(operator, fc);
      const views: CaseView[] = [];
      for (const id of ids) views.push(await this.cases.viewForTask(id));
      const documents: Array<DocumentView & { caseCode: string }> = [];
      for (const v of views) for (const d of await this.documents.listForCase(v.id)) documents.push({ ...d, caseCode: v.code });
      const visible = new Set(ids);
      const messages = (await this.messages.listForCitizen(fc, 100)).items.filter((m) => visible.has(m.caseId)).slice(0, 20);
      const drafts = await this.repo.drafts(fc);
      const titles = new Map<string, string>();
      for (const d of drafts) titles.set(d.procedure_key, await this.catalogue.get(d.procedure_key).then((p) => p.title, () => d.procedure_key));
      const procedures = await this.fileable(operator);
      const name = `${citizen.givenName} ${citizen.familyName}`.trim();
      return {
        title: `Cittadino ${name || fc}`,
        breadcrumbs: [{ label: 'Console', href: '/console' }, { label: 'Sportello', href: '/console/sportello' }, { label: name || fc }],
        person: { ...citizen, name },
        desk: Boolean(operator.desk),
        scope: operator.desk ? null : operator.offices.join(', '),
        cases: views.map((v) => ({
          ...v,
          href: `${citizenHref(fc)}/pratiche/${v.id}/ricevuta`,
          withdrawHref: operator.desk && !v.outcome && !v.closedAt && !v.withdrawal ? `${citizenHref(fc)}/pratiche/${v.id}/ritiro` : null,
          risk: risk(v),
        })),
        openTasks: views.flatMap((v) => v.openCitizenTasks.map((t) => ({ ...t, caseCode: v.code, procedure: v.procedure.title }))),
        documents: documents.map((d) => ({ ...d, href: `${citizenHref(fc)}/documenti/${d.id}`, sizeKb: Math.max(1, Math.round(d.size / 1024)) })),
        messages,
        drafts: drafts.map((d) => ({ ...d, title: titles.get(d.procedure_key) ?? d.procedure_key, href: `${citizenHref(fc)}/servizi/${d.procedure_key}/domanda` })),
        procedures: procedures.map((p) => ({ ...p, href: `${citizenHref(fc)}/servizi/${p.key}/domanda` })),
      };
    });
  }

  /** A document of one of the citizen's cases the operator may see; anything else is "not found". */
  async document(operator: OperatorPrincipal, rawFiscalCode: string, id: string): Promise<{ document: DocumentView; bytes: Buffer }> {
    const fc = validFiscalCode(rawFiscalCode);
    const ids = new Set(await this.visibleCaseIds(operator, fc));
    const offices = [...new Set([...operator.offices, ...(await this.officesOf([...ids]))])];
    const found = await this.documents.read(id, { kind: 'operator', offices: operator.desk ? offices : operator.offices }).catch(() => null);
    if (!found || !found.document.caseId || !ids.has(found.document.caseId)) throw new DeskNotFoundException(M.documentNotFound);
    await this.audit.record({ actor: auditActorOf(operator), action: 'document.download', resource: { type: 'document', id }, channel: operator.desk ? 'desk' : 'web' });
    return found;
  }

  /** Procedures the operator may file on a citizen's behalf: all for the desk, their offices' otherwise. */
  async fileable(operator: OperatorPrincipal): Promise<Array<{ key: string; title: string; office: string }>> {
    const all = await this.catalogue.list({}, { page: 1, pageSize: 100, offset: 0 });
    return all.items.filter((p) => operator.desk || operator.offices.includes(p.office)).map((p) => ({ key: p.key, title: p.title, office: p.office }));
  }

  private async officesOf(caseIds: string[]): Promise<string[]> {
    const offices: string[] = [];
    for (const id of caseIds) offices.push((await this.cases.row(id)).office);
    return offices;
  }
}

export const citizenHref = (fiscalCode: string): string => `/console/cittadini/${encodeURIComponent(fiscalCode)}`;

function validFiscalCode(raw: string): string {
  const fiscalCode = normaliseFiscalCode(typeof raw === 'string' ? raw : '');
  if (fiscalCodeProblem(fiscalCode)) throw new DeskNotFoundException(M.citizenNotFound);
  return fiscalCode;
}

function result(r: KnownCitizenRow): DeskSearchResult {
  const name = r.given_name && r.family_name ? `${r.given_name} ${r.family_name}` : (r.full_name ?? r.fiscal_code);
  return { fiscalCode: r.fiscal_code, name, cases: r.cases, href: citizenHref(r.fiscal_code) };
}

/** The inbox's colours: past the deadline, within 5 days, or on time; none once closed or while suspended. */
function risk(v: CaseView): { label: string; badge: string } | null {
  if (v.closedAt || v.outcome || v.withdrawal || !v.legalClock) return null;
  if (v.legalClock.suspended) return { label: 'Termine sospeso', badge: 'bg-secondary' };
  if (v.legalClock.daysLeft < 0) return { label: 'Termine scaduto', badge: 'bg-danger' };
  if (v.legalClock.daysLeft <= 5) return { label: 'In scadenza', badge: 'bg-warning text-dark' };
  return { label: 'Nei termini', badge: 'bg-success' };
}
