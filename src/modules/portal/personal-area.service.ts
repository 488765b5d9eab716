import { Injectable } from '@nestjs/common';
import { CaseMessagesUseCase, CasesService, CaseView } from '../cases';
import { CatalogueService } from '../catalogue';
import { DocumentsService, DocumentView } from '../documents';
import type { CitizenPrincipal } from '../identity';
import { PaymentsService, PaymentView } from '../payments';
import { NotificationsService } from '../notifications';
import { TasksService } from '../tasks';
import { WebForbiddenException } from '../web';
import { CaseActionsService, MESSAGES_PER_PAGE } from './case-actions.service';
import { diagramStepper, timelineStepper } from './case-stepper';
import { PORTAL_MESSAGES as M } from './portal.messages';
import { WizardService } from './wizard.service';

const TABS = ['pratiche', 'pagamenti', 'documenti', 'messaggi', 'scadenze'] as const;
type Tab = (typeof TABS)[number];
const PAGE = { page: 1, pageSize: 50, offset: 0 };

/** View models of the personal area (AgID tabs) and of a case page. */
@Injectable()
export class PersonalAreaService {
  constructor(
    private readonly cases: CasesService,
    private readonly tasks: TasksService,
    private readonly catalogue: CatalogueService,
    private readonly wizard: WizardService,
    private readonly documents: DocumentsService,
    private readonly actions: CaseActionsService,
    private readonly payments: PaymentsService,
    private readonly messages: CaseMessagesUseCase,
    private readonly notifications: NotificationsService,
  ) {}

  async area(citizen: CitizenPrincipal, tab: unknown, before?: unknown): Promise<object> {
    const active: Tab = (TABS as readonly string[]).includes(tab as string) ? (tab as Tab) : 'pratiche';
    const [mine, drafts] = await Promise.all([this.cases.listMine(citizen.fiscalCode, PAGE), this.wizard.listDrafts(citizen.fiscalCode)]);
    const titles = new Map<string, string>();
    for (const d of drafts) titles.set(d.procedure_key, await this.catalogue.get(d.procedure_key).then((p) => p.title, () => d.procedure_key));
    let deadlines: Array<{ caseId: string; caseCode: string; procedure: string; task: string; createdAt: Date; replyBy: string | null; href: string }> = [];
    if (active === 'scadenze') {
      const open = mine.items.filter((c) => !['accettata', 'rifiutata'].includes(c.displayStatus));
      const views = await Promise.all(open.map((c) => this.cases.get(c.id, { kind: 'citizen', fiscalCode: citizen.fiscalCode })));
      // The nearest term first; requests without a term after them, oldest first.
      deadlines = views
        .flatMap((v) =>
          v.openCitizenTasks.map((t) => ({ caseId: v.id, caseCode: v.code, procedure: v.procedure.title, task: t.name ?? 'Attività', createdAt: t.createdAt, replyBy: t.replyBy, href: `/area-personale/pratiche/${v.id}/attivita/${t.id}` })),
        )
        .sort((a, b) => (a.replyBy ?? '9999').localeCompare(b.replyBy ?? '9999') || a.createdAt.getTime() - b.createdAt.getTime());
    }
    const documents = active === 'documenti' ? (await this.documents.listForCitizen(citizen.fiscalCode, PAGE)).items.map(documentRow) : [];
    const payments = active === 'pagamenti' ? (await this.payments.listForCitizen(citizen.fiscalCode, PAGE)).items.map(paymentRow) : [];
    const { groups: messages, olderHref, newestHref } = active === 'messaggi' ? await this.messageGroups(citizen.fiscalCode, before) : { groups: [], olderHref: null, newestHref: null };
    return {
      title: 'Area personale',
      documents,
      payments,
      anyPayable: payments.some((p) => p.payable),
      messages,
      messagePaging: { olderHref, newestHref },
      breadcrumbs: [{ label: 'Area personale' }],
      tabs: TABS.map((t) => ({ key: t, label: M.tabs[t], href: `/area-personale?scheda=${t}`, active: t === active })),
      active,
      isPratiche: active === 'pratiche',
      isPagamenti: active === 'pagamenti',
      isDocumenti: active === 'documenti',
      isMessaggi: active === 'messaggi',
      isScadenze: active === 'scadenze',
      cases: mine.items.map((c) => ({ ...c, chip: M.displayStatusChip[c.displayStatus], href: `/area-personale/pratiche/${c.id}` })),
      total: mine.total,
      drafts: drafts.map((d) => ({ title: titles.get(d.procedure_key), updatedAt: d.updated_at, href: `/servizi/${d.procedure_key}/domanda`, chip: M.displayStatusChip.bozza })),
      deadlines,
    };
  }

  async casePage(citizen: CitizenPrincipal, id: string, justFiled: boolean, notice?: unknown, before?: unknown): Promise<object> {
    const view = await this.cases.get(id, { kind: 'citizen', fiscalCode: citizen.fiscalCode });
    const procedure = await this.catalogue.get(view.procedure.key).catch(() => undefined);
    const modelVersionId = (await this.cases.row(view.id)).model_version_id;
    const phases = modelVersionId ? await this.catalogue.citizenPhases(modelVersionId) : null;
    const documents = (await this.documents.listForCase(view.id)).map(documentRow);
    return {
      ...(await this.actions.section(citizen, view, notice, before)),
      title: `Pratica ${view.code}`,
      breadcrumbs: [{ label: 'Area personale', href: '/area-personale' }, { label: `Pratica ${view.code}` }],
      case: view,
      chip: M.displayStatusChip[view.displayStatus],
      office: procedure?.office,
      stepper: phases ? diagramStepper(view, phases) : timelineStepper(view),
      timeline: [...view.timeline].reverse(),
      tasks: view.openCitizenTasks.map((t) => ({ ...t, href: `/area-personale/pratiche/${view.id}/attivita/${t.id}` })),
      justFiled,
      documents,
      receiptHref: view.protocol ? `/area-personale/pratiche/${view.id}/ricevuta` : null,
      // Notices of this case not yet delivered (App IO or e-mail down, being retried): shown as "in attesa".
      pendingNotices: (await this.notifications.pendingByCase([view.id])).get(view.id) ?? 0,
    };
  }

  /** One page of the citizen's messages, newest first, grouped by case (cases in the order of their newest message on the page). */
  private async messageGroups(fiscalCode: string, before: unknown) {
    const groups = new Map<string, { caseCode: string; procedureTitle: string; href: string; messages: Array<{ authorName: string; body: string; createdAt: Date; fromOffice: boolean }> }>();
    const page = await this.messages.listForCitizen(fiscalCode, MESSAGES_PER_PAGE, before);
    for (const m of page.items) {
      const g = groups.get(m.caseId) ?? { caseCode: m.caseCode, procedureTitle: m.procedureTitle, href: `/area-personale/pratiche/${m.caseId}#messaggi`, messages: [] };
      g.messages.push({ authorName: m.authorName, body: m.body, createdAt: m.createdAt, fromOffice: m.authorKind === 'operator' });
      groups.set(m.caseId, g);
    }
    const tab = '/area-personale?scheda=messaggi';
    return { groups: [...groups.values()], olderHref: page.next ? `${tab}&prima=${page.next}` : null, newestHref: typeof before === 'string' && before ? tab : null };
  }

  /** The confirmation step before withdrawing the istanza. */
  async withdrawalPage(citizen: CitizenPrincipal, id: string): Promise<object> {
    const view = await this.cases.get(id, { kind: 'citizen', fiscalCode: citizen.fiscalCode });
    const withdrawable = !view.outcome && !view.closedAt && !view.withdrawal;
    return {
      title: 'Ritira la domanda',
      breadcrumbs: [{ label: 'Area personale', href: '/area-personale' }, { label: `Pratica ${view.code}`, href: `/area-personale/pratiche/${view.id}` }, { label: 'Ritira la domanda' }],
      case: view,
      withdrawable,
      actionUrl: `/area-personale/pratiche/${view.id}/ritiro`,
      caseHref: `/area-personale/pratiche/${view.id}`,
    };
  }

  async taskPage(citizen: CitizenPrincipal, caseId: string, taskId: string): Promise<object> {
    const view = await this.cases.get(caseId, { kind: 'citizen', fiscalCode: citizen.fiscalCode });
    const task = await this.tasks.get(taskId, { kind: 'citizen', fiscalCode: citizen.fiscalCode });
    if (task.caseId !== view.id || task.status !== 'open' || !task.formKey) throw new WebForbiddenException(M.taskNotFound);
    const form = await this.catalogue.form(task.formKey);
    return {
      title: task.name ?? 'Attività',
      breadcrumbs: [{ label: 'Area personale', href: '/area-personale' }, { label: `Pratica ${view.code}`, href: `/area-personale/pratiche/${view.id}` }, { label: task.name ?? 'Attività' }],
      case: view,
      task,
      formJs: true,
      scripts: ['/static/app/js/form-support.js', '/static/app/js/task-form.js'],
      taskForm: { schema: form.schema, data: {}, completeUrl: `/area-personale/pratiche/${view.id}/attivita/${task.id}`, doneUrl: `/area-personale/pratiche/${view.id}`, version: task.version, failureMessage: M.taskAnswerFailed },
    };
  }

  async completeTask(citizen: CitizenPrincipal, caseId: string, taskId: string, body: unknown): Promise<{ done: true; href: string }> {
    const view = await this.cases.get(caseId, { kind: 'citizen', fiscalCode: citizen.fiscalCode });
    const task = await this.tasks.get(taskId, { kind: 'citizen', fiscalCode: citizen.fiscalCode });
    if (task.caseId !== view.id) throw new WebForbiddenException(M.taskNotFound);
    const data = body && typeof body === 'object' ? (body as { data?: unknown }).data : undefined;
    await this.tasks.complete(taskId, { kind: 'citizen', fiscalCode: citizen.fiscalCode }, data);
    return { done: true, href: `/area-personale/pratiche/${view.id}` };
  }
}

function paymentRow(p: PaymentView) {
  return { ...p, href: `/area-personale/pratiche/${p.caseId}/pagamenti/${p.noticeNumber}/avviso`, caseHref: `/area-personale/pratiche/${p.caseId}` };
}

const KINDS: Record<DocumentView['kind'], string> = { attachment: 'Allegato', receipt: 'Ricevuta', act: 'Provvedimento', 'payment-notice': 'Avviso di pagamento' };

function documentRow(d: DocumentView) {
  return { ...d, kindLabel: KINDS[d.kind] ?? d.kind, href: `/area-personale/documenti/${d.id}`, sizeKb: Math.max(1, Math.round(d.size / 1024)) };
}
