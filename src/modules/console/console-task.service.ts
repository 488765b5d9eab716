import { Injectable } from '@nestjs/common';
import { DomainException } from '../../common';
import { AuditRecord, AuditService, auditActorOf } from '../audit';
import { CaseActor, CaseMessagesUseCase, CaseNotesUseCase, CasesService } from '../cases';
import { CatalogueService } from '../catalogue';
import { DocumentsService } from '../documents';
import { EngineService } from '../engine';
import { OperatorPrincipal, StaffAuthService } from '../identity';
import { TaskDetailUseCase, TasksService } from '../tasks';
import { fieldIdsByKey, readableFields } from './case-fields';
import { operatorOf } from './console-inbox.service';
import { CONSOLE_MESSAGES as M } from './console.messages';
import { deadlineRisk, romeToday } from './deadline-risk';

const PAGE = { page: 1, pageSize: 100, offset: 0 };
const AUDIT_PAGE = { page: 1, pageSize: 200, offset: 0 };

/** What the diagram script needs: the case's model at its version, where the case is, where it has been. */
export interface DiagramView {
  xml: string;
  current: string[];
  done: string[];
}

/** A notice key the task page knows, from a redirect after one of its forms. */
export type TaskNotice = keyof typeof M.notices | 'gia-presa';

/**
 * The console's task page: the task and its case through the same use-cases as the API (task
 * detail, claim/unclaim/complete, notes, messages, documents), every read of the citizen's data
 * recorded on the audit trail.
 */
@Injectable()
export class ConsoleTaskService {
  constructor(
    private readonly detail: TaskDetailUseCase,
    private readonly tasks: TasksService,
    private readonly cases: CasesService,
    private readonly catalogue: CatalogueService,
    private readonly documents: DocumentsService,
    private readonly notes: CaseNotesUseCase,
    private readonly messages: CaseMessagesUseCase,
    private readonly engine: EngineService,
    private readonly staff: StaffAuthService,
    private readonly audit: AuditService,
  ) {}

  async page(p: OperatorPrincipal, id: string, notice: unknown, address: string | undefined): Promise<object> {
    const actor = operatorOf(p);
    const task = await this.audit.audited(record(p, address, 'task.view', 'task', id), () => this.detail.get(id, actor));
    const c = task.case;
    const row = await this.cases.row(task.caseId);
    const startForm = row.model_version_id ? await this.catalogue.startFormForModel(row.procedure_key, row.model_version_id) : null;
    const caseActor: CaseActor = { kind: 'operator', userId: p.userId, offices: p.offices };
    // Notes and messages belong to the case's office: an operator of another office on the case (a parere) does not see them.
    const [notes, messages] = await Promise.all([
      this.notes.list(c.id, caseActor, PAGE).then((r) => r.items, notFoundAsNull),
      this.messages.list(c.id, caseActor, PAGE).then((r) => r.items, notFoundAsNull),
    ]);
    const documents = await this.documents.listForCase(c.id);
    const byId = new Map(documents.map((d) => [d.id, d]));
    const names = new Map<string, string>();
    for (const office of p.offices) for (const m of await this.staff.membersOf(office)) names.set(m.id, m.name);
    const nameOf = (userId: string) => names.get(userId) ?? userId;
    const trail = [
      ...(await this.audit.list({ resourceType: 'case', resourceId: c.id }, AUDIT_PAGE)).items,
      ...(await this.audit.list({ resourceType: 'task', resourceId: id }, AUDIT_PAGE)).items,
    ].sort((a, b) => a.seq - b.seq);
    const mine = task.assignee === p.userId;
    const open = task.status === 'open';
    const noticeKey = typeof notice === 'string' ? notice : '';
    const noticeText = noticeKey === 'gia-presa' && task.assignee ? M.claimedByOther(nameOf(task.assignee)) : (M.notices[noticeKey] ?? null);
    const clock = c.legalClock;
    const risk = deadlineRisk(clock?.deadline ?? c.legalDeadline, romeToday());
    const offices = new Map((await this.catalogue.offices()).map((o) => [o.key, o.name]));
    const base = `/console/attivita/${encodeURIComponent(id)}`;
    const workable = open && (!task.assignee || mine) && !!task.form;
    return {
      title: `${task.name ?? M.inboxTitle} – ${c.code}`,
      consoleNav: 'inbox',
      breadcrumbs: [{ label: M.breadcrumbConsole, href: '/console' }, { label: task.name ?? task.elementId }],
      task: { ...task, officeName: offices.get(task.office) ?? task.office, assigneeName: task.assignee ? nameOf(task.assignee) : null },
      case: c,
      base,
      notice: noticeText ? { text: noticeText, ok: ['presa', 'rilasciata', 'completata', 'nota-aggiunta', 'messaggio-inviato'].includes(noticeKey) } : null,
      open,
      mine,
      claimable: open && !task.assignee,
      releasable: open && !!task.assignee && (mine || p.headOf.includes(task.office)),
      takenByOther: open && !!task.assignee && !mine,
      workable,
      completableWithoutForm: open && (!task.assignee || mine) && !task.form,
      statusLabel: task.status !== 'open' ? M.status[task.status] : task.assignee ? M.status.claimed : M.status.open,
      sections: readableFields(startForm?.schema ?? null, c.data).map((s) => ({
        ...s,
        fields: s.fields.map((f) => ({ ...f, files: f.fileIds.map((fid) => ({ id: fid, name: byId.get(fid)?.name ?? fid, href: `/console/documenti/${encodeURIComponent(fid)}` })) })),
      })),
      issued: documents.filter((d) => d.kind !== 'attachment').map((d) => ({ ...d, kindLabel: M.documentKinds[d.kind] ?? d.kind, href: `/console/documenti/${encodeURIComponent(d.id)}` })),
      attachments: documents.filter((d) => d.kind === 'attachment').map((d) => ({ ...d, href: `/console/documenti/${encodeURIComponent(d.id)}`, sizeKb: Math.max(1, Math.round(d.size / 1024)) })),
      timeline: c.timeline.map((t) => ({ ...t, actorLabel: M.actor[t.actorKind] ?? t.actorKind, officeName: t.office ? (offices.get(t.office) ?? t.office) : null })),
      clock: clock ? { ...clock, overdue: clock.daysLeft < 0 } : null,
      risk,
      notesAvailable: notes !== null,
      notes: (notes ?? []).map((n) => ({ ...n, authorName: nameOf(n.author) })),
      messages: (messages ?? []).map((m) => ({ ...m, fromCitizen: m.authorKind === 'citizen' })),
      audit: trail.map((e) => ({ ...e, actionLabel: M.auditActions[e.action] ?? e.action, channelLabel: M.channels[e.channel] ?? e.channel, who: e.actorKind === 'operator' ? nameOf(e.actorSubject) : e.actorKind === 'citizen' ? M.actor.citizen : e.actorSubject })),
      formJs: workable,
      scripts: [
        '/static/bpmn-js/bpmn-navigated-viewer.production.min.js',
        '/static/app/js/console-diagram.js',
        ...(workable ? ['/static/app/js/form-support.js', '/static/app/js/task-form.js'] : []),
      ],
      styles: ['/static/bpmn-js/assets/diagram-js.css', '/static/bpmn-js/assets/bpmn-js.css', '/static/app/css/console.css'],
      diagramUrl: `${base}/diagramma`,
      taskForm: workable && task.form ? { schema: task.form.schema, data: {}, completeUrl: base, doneUrl: `${base}?avviso=completata`, version: task.version, fieldIds: fieldIdsByKey(task.form.schema), failureMessage: M.taskNotCompleted } : null,
    };
  }

  /** The BPMN of the case's model version with the open tasks' elements as the current position. */
  async diagram(p: OperatorPrincipal, id: string): Promise<DiagramView> {
    const task = await this.tasks.get(id, operatorOf(p));
    const row = await this.cases.row(task.caseId);
    if (!row.model_version_id || !row.instance_id) return { xml: '', current: [], done: [] };
    const [xml, instance] = await Promise.all([this.engine.modelXml(row.model_version_id), this.engine.getInstance(row.instance_id)]);
    const current = [...new Set(instance.items.filter((i) => i.status === 'wait').map((i) => i.elementId))];
    const done = [...new Set(instance.items.filter((i) => i.status === 'end').map((i) => i.elementId))].filter((e) => !current.includes(e));
    return { xml, current, done };
  }

  async claim(p: OperatorPrincipal, id: string, address: string | undefined): Promise<TaskNotice> {
    return this.attempt(() => this.audit.audited(record(p, address, 'task.claim', 'task', id), () => this.tasks.claim(id, operatorOf(p))), 'presa');
  }

  async unclaim(p: OperatorPrincipal, id: string, address: string | undefined): Promise<TaskNotice> {
    return this.attempt(() => this.audit.audited(record(p, address, 'task.unclaim', 'task', id), () => this.tasks.unclaim(id, operatorOf(p))), 'rilasciata');
  }

  /** The form script's JSON post: completes with the data validated against the task's form (errors as problem+json). */
  async complete(p: OperatorPrincipal, id: string, body: unknown, address: string | undefined): Promise<{ done: true; href: string }> {
    const b = body && typeof body === 'object' ? (body as { data?: unknown; version?: unknown }) : {};
    const version = typeof b.version === 'number' && Number.isSafeInteger(b.version) ? b.version : undefined;
    await this.audit.audited(record(p, address, 'task.complete', 'task', id), () => this.tasks.complete(id, operatorOf(p), b.data ?? {}, version));
    return { done: true, href: `/console/attivita/${encodeURIComponent(id)}?avviso=completata` };
  }

  async addNote(p: OperatorPrincipal, id: string, text: unknown): Promise<TaskNotice> {
    const task = await this.tasks.get(id, operatorOf(p));
    return this.attempt(() => this.notes.add(task.caseId, { kind: 'operator', userId: p.userId, offices: p.offices }, text), 'nota-aggiunta');
  }

  async postMessage(p: OperatorPrincipal, id: string, text: unknown): Promise<TaskNotice> {
    const task = await this.tasks.get(id, operatorOf(p));
    return this.attempt(() => this.messages.post(task.caseId, { kind: 'operator', userId: p.userId, offices: p.offices }, text), 'messaggio-inviato');
  }

  /** An attachment or issued document of a case, for an operator the documents module lets read it; the read is audited. */
  read(p: OperatorPrincipal, documentId: string, address: string | undefined) {
    return this.audit.audited(record(p, address, 'document.view', 'document', documentId), () => this.documents.read(documentId, { kind: 'operator', offices: p.offices }));
  }

  /** Runs a form's action; the refusals an operator can meet become a notice on the page, anything else stays an error. */
  private async attempt(work: () => Promise<unknown>, success: TaskNotice): Promise<TaskNotice> {
    try {
      await work();
      return success;
    } catch (e) {
      if (!(e instanceof DomainException)) throw e;
      switch (e.code) {
        case 'TASK_CLAIMED_BY_OTHER':
          return 'gia-presa';
        case 'TASK_CLOSED':
          return 'chiusa';
        case 'TASK_STALE_VERSION':
          return 'modificata';
        case 'CASE_INVALID_REQUEST':
          return 'testo-vuoto';
        case 'CASE_NOT_FOUND':
        case 'TASK_NOT_OFFICE_HEAD':
          return 'non-consentito';
        default:
          throw e;
      }
    }
  }
}

const record = (p: OperatorPrincipal, address: string | undefined, action: string, type: AuditRecord['resource']['type'], id: string): AuditRecord => ({
  actor: auditActorOf(p),
  action,
  resource: { type, id },
  channel: 'web',
  address: address ?? null,
});

function notFoundAsNull(e: unknown): null {
  if (e instanceof DomainException && e.code === 'CASE_NOT_FOUND') return null;
  throw e;
}
