import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainException } from '../../common';
import { Transactions } from '../../database';
import { CasesService } from '../cases';
import { CatalogueService, FormVersion } from '../catalogue';
import { EngineService, ItemTransition } from '../engine';
import { FormSchema, FormsService } from '../forms';
import { canAssignTask, canReleaseAnyClaim, canWorkTask, CITIZEN_QUEUE, StaffAuthService } from '../identity';
import {
  TaskClaimedByOtherException,
  TaskClosedException,
  TaskInvalidQueryException,
  TaskNotFoundException,
  TaskStaleVersionException,
} from './tasks.exceptions';
import { TASK_MESSAGES as M } from './tasks.messages';
import { TasksRepository } from './tasks.repository';
import { InboxQuery, TaskActor, TaskRow, TaskView, toTaskView } from './tasks.types';

export { CITIZEN_QUEUE };

/**
 * Office queues. User tasks enter the projection when the engine creates them (same
 * transaction) and leave it when completed or cancelled. Operators claim, release, are assigned
 * by their office head, and complete with data validated against the task's form; the citizen
 * completes the tasks addressed to them (candidateGroups "citizen") on their own cases.
 */
@Injectable()
export class TasksService implements OnModuleInit {
  private readonly repo: TasksRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly engine: EngineService,
    private readonly cases: CasesService,
    private readonly catalogue: CatalogueService,
    private readonly forms: FormsService,
    private readonly staff: StaffAuthService,
  ) {
    this.repo = new TasksRepository(tx);
  }

  onModuleInit(): void {
    this.engine.onTransitions((transitions) => this.project(transitions));
  }

  async inbox(actor: Extract<TaskActor, { kind: 'operator' }>, q: Omit<InboxQuery, 'offices'>): Promise<{ items: TaskView[]; nextCursor: string | null }> {
    if (q.office && !actor.offices.includes(q.office)) throw new TaskInvalidQueryException('office', M.office);
    const rows = await this.repo.inbox({ ...q, offices: actor.offices });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const key = (r: TaskRow): string | null =>
      q.sort === 'due' ? r.due_at && String(r.due_at).slice(0, 10) : new Date(q.sort === 'completed' ? r.completed_at! : r.created_at).toISOString();
    const nextCursor = rows.length > q.limit && last ? Buffer.from(JSON.stringify({ k: key(last), id: last.id })).toString('base64url') : null;
    return { items: page.map(toTaskView), nextCursor };
  }

  async get(id: string, actor: TaskActor): Promise<TaskView> {
    return toTaskView(await this.accessible(id, actor));
  }

  async claim(id: string, actor: Extract<TaskActor, { kind: 'operator' }>, expectedVersion?: number): Promise<TaskView> {
    const task = await this.accessible(id, actor);
    const row = await this.tx.run(async () => {
      const claimed = await this.repo.claim(id, task.office, actor.userId, expectedVersion);
      if (claimed) await this.announceStep(claimed);
      return claimed;
    });
    if (!row) throw await this.whyNot(task, actor.userId, expectedVersion);
    return toTaskView(row);
  }

  async unclaim(id: string, actor: Extract<TaskActor, { kind: 'operator' }>): Promise<TaskView> {
    const task = await this.accessible(id, actor);
    const head = canReleaseAnyClaim(actor, task.office);
    const row = await this.repo.release(id, task.office, head ? null : actor.userId);
    if (!row) throw await this.whyNot(task, actor.userId);
    return toTaskView(row);
  }

  async assign(id: string, actor: Extract<TaskActor, { kind: 'operator' }>, operator: unknown): Promise<TaskView> {
    if (typeof operator !== 'string' || !operator.trim()) throw new TaskInvalidQueryException('operator', M.operator);
    const task = await this.accessible(id, actor);
    if (!canAssignTask(actor, task.office)) throw new DomainException('TASK_NOT_OFFICE_HEAD', 'forbidden', M.notHead, { id });
    const assignee = operator.trim();
    // Only a staff user of the task's office (never free text): checked against the memberships.
    if (assignee.length > 128 || !(await this.staff.isMemberOf(assignee, task.office))) throw new TaskInvalidQueryException('operator', M.notOfficeMember);
    const row = await this.tx.run(async () => {
      const assigned = await this.repo.assign(id, task.office, assignee);
      if (assigned) await this.announceStep(assigned);
      return assigned;
    });
    if (!row) throw new TaskClosedException(id, task.status);
    return toTaskView(row);
  }

  /** Completes a task: validated data, the engine step, and the projection, in one transaction. */
  async complete(id: string, actor: TaskActor, data: unknown, expectedVersion?: number): Promise<TaskView> {
    const task = await this.accessible(id, actor);
    if (task.status !== 'open') throw new TaskClosedException(id, task.status);
    const me = actor.kind === 'operator' ? actor.userId : `citizen:${actor.fiscalCode}`;
    if (actor.kind === 'operator' && task.assignee && task.assignee !== actor.userId) throw new TaskClaimedByOtherException(id, task.assignee);
    if (expectedVersion !== undefined && expectedVersion !== task.version) throw new TaskStaleVersionException(id, expectedVersion, task.version);
    const schema = task.form_key ? ((await this.formOf(task.form_key, task.case_id)).schema as unknown as FormSchema) : undefined;
    const cleaned = schema ? this.forms.validate(schema, data ?? {}) : {};
    await this.tx.run(async () => {
      if (actor.kind === 'operator') {
        // Claim on completion; loses cleanly to a concurrent claim by someone else.
        const claimed = await this.repo.claim(id, task.office, actor.userId, expectedVersion);
        if (!claimed) throw await this.whyNot(task, actor.userId, expectedVersion);
        await this.announceStep(claimed);
      }
      const by = actor.kind === 'operator' ? `operator:${actor.userId}` : me;
      // Completed by this call; any other task the step ends (a boundary timer, an interrupting event) is cancelled.
      await this.repo.close(id, 'completed', by);
      await this.engine.completeItem(id, cleaned, { actor: by });
    });
    return toTaskView((await this.repo.find(id)).find((r) => r.office === task.office)!);
  }

  /** A task's form as deployed with the case's model version (the newest one for a case from before versions were bound). */
  async formOf(formKey: string, caseId: string): Promise<FormVersion> {
    const c = await this.cases.row(caseId);
    return c.model_version_id ? this.catalogue.formForModel(formKey, c.model_version_id) : this.catalogue.form(formKey);
  }

  /** The first claim (or assignment) of an office task records the step it announces, with the office as actor. */
  private async announceStep(row: TaskRow): Promise<void> {
    if (row.office === CITIZEN_QUEUE) return;
    await this.cases.recordClaimedStep({
      caseId: row.case_id,
      itemId: row.id,
      elementId: row.element_id,
      status: row.citizen_status ?? null,
      message: row.citizen_message ?? null,
      office: row.office,
    });
  }

  /**
   * The task row the actor may act on (the task policy: their office's queue, or a citizen task on
   * their own case). Anybody else gets 404 whether or not the task exists: ids tell nothing.
   */
  private async accessible(id: string, actor: TaskActor): Promise<TaskRow> {
    const rows = await this.repo.find(id);
    if (!rows.length) throw new TaskNotFoundException(id);
    // Only a citizen's access depends on whose case it is: operators are spared the case read.
    const owner = actor.kind === 'citizen' ? (await this.cases.row(rows[0].case_id)).citizen_fiscal_code : '';
    const row = rows.find((r) => canWorkTask(actor, { office: r.office, caseOwnerFiscalCode: owner }));
    if (!row) throw new TaskNotFoundException(id);
    return row;
  }

  /** Why a conditional write matched nothing, judged on the row as it is now: a concurrent claim may have won since our read. */
  private async whyNot(read: TaskRow, me: string, expectedVersion?: number): Promise<DomainException> {
    const task = (await this.repo.find(read.id)).find((r) => r.office === read.office) ?? read;
    if (task.status !== 'open') return new TaskClosedException(task.id, task.status);
    if (task.assignee && task.assignee !== me) return new TaskClaimedByOtherException(task.id, task.assignee);
    if (expectedVersion !== undefined && expectedVersion !== task.version) return new TaskStaleVersionException(task.id, expectedVersion, task.version);
    return new TaskStaleVersionException(task.id, expectedVersion ?? read.version, task.version);
  }

  private async project(transitions: ItemTransition[]): Promise<void> {
    for (const t of transitions) {
      if (t.item.elementType !== 'bpmn:UserTask') continue;
      if (t.item.status === 'wait' && t.previousStatus !== 'wait') {
        const caseId = t.instanceData.caseId;
        if (typeof caseId !== 'string') continue;
        const c = await this.cases.row(caseId);
        const offices = t.item.candidateGroups.length ? t.item.candidateGroups : (t.element?.candidateGroups ?? []);
        await this.repo.open({
          id: t.item.id,
          offices: offices.length ? offices : [c.office],
          caseId,
          instanceId: t.instanceId,
          elementId: t.item.elementId,
          name: t.item.name,
          formKey: t.element?.formKey ?? null,
          createdAt: t.item.startedAt ?? new Date(),
          dueAt: String(c.legal_deadline).slice(0, 10),
          procedureKey: c.procedure_key,
          procedureTitle: c.procedure_title,
          citizenName: c.citizen_name,
          // Null for a task opened by the filing itself: the register fills it in when the filing commits.
          protocolNumber: c.protocol_number,
          citizenStatus: t.element?.properties.citizenStatus ?? null,
          citizenMessage: t.element?.properties.citizenMessage ?? null,
        });
      } else if (t.previousStatus === 'wait' && t.item.status !== 'wait') {
        // A task completed through complete() is already closed; one the engine ended on its own was withdrawn.
        await this.repo.close(t.item.id, 'cancelled', t.actor);
      }
    }
  }
}
