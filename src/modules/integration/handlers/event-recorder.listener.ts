import { Injectable, OnModuleInit } from '@nestjs/common';
import { CasesService } from '../../cases';
import { EngineService, ItemTransition } from '../../engine';
import { EventFeedService } from '../event-feed.service';
import { NewIntegrationEvent } from '../integration.types';

/**
 * Records integration events in the transaction of the change, from the engine's transitions
 * (the hook the case timeline and the task projection use), in the order the process took the
 * steps: a case's filing, its citizen-visible statuses (the rule of the case timeline, deduped
 * the same way) and its user tasks. Only ids, procedure, offices and statuses.
 * An office task's status is recorded when the case timeline records it: while the case is not
 * taken in charge that is the first claim, not the task's creation (AgID criterion 9), so that one
 * comes from the case's status listener (`claimed`; same dedupe key, so never twice).
 */
@Injectable()
export class EventRecorder implements OnModuleInit {
  constructor(
    private readonly cases: CasesService,
    private readonly engine: EngineService,
    private readonly feed: EventFeedService,
  ) {}

  onModuleInit(): void {
    this.engine.onTransitions((transitions) => this.onTransitions(transitions));
    this.cases.onStatusChange(async ({ caseRow, status, itemId, claimed }) => {
      if (!claimed) return;
      await this.feed.record({
        caseId: caseRow.id,
        procedureKey: caseRow.procedure_key,
        offices: [caseRow.office],
        type: 'case.status-changed',
        dedupeKey: `case.status:${caseRow.id}:${itemId}:${status}`,
        data: { status },
      });
    });
  }

  private async onTransitions(transitions: ItemTransition[]): Promise<void> {
    for (const t of transitions) {
      const caseId = typeof t.instanceData.caseId === 'string' ? t.instanceData.caseId : undefined;
      if (!caseId) continue;
      for (const event of await this.eventsOf(caseId, t)) await this.feed.record(event);
    }
  }

  private async eventsOf(caseId: string, t: ItemTransition): Promise<NewIntegrationEvent[]> {
    const entered = t.previousStatus === null;
    const status = t.element?.properties.citizenStatus;
    const isStart = t.item.elementType === 'bpmn:StartEvent' && entered;
    const isTask = t.item.elementType === 'bpmn:UserTask';
    const opened = isTask && t.item.status === 'wait' && t.previousStatus !== 'wait';
    const closed = isTask && t.previousStatus === 'wait' && t.item.status !== 'wait';
    if (!isStart && !(status && entered) && !opened && !closed) return [];
    const c = await this.cases.row(caseId);
    // Until the case is taken in charge, an office task's step waits for its first claim (the timeline's rule).
    const announces = status && entered && (!isOfficeTask(t) || c.taken_in_charge_at !== null);
    const base = { caseId, procedureKey: c.procedure_key, offices: [c.office] };
    const events: NewIntegrationEvent[] = [];
    if (isStart) events.push({ ...base, type: 'case.filed', dedupeKey: `case.filed:${caseId}`, data: {} });
    if (closed) events.push(this.taskEvent(base, t, t.item.status === 'end' ? 'task.completed' : 'task.cancelled'));
    if (announces) {
      events.push({ ...base, type: 'case.status-changed', dedupeKey: `case.status:${caseId}:${t.item.id}:${status}`, data: { status } });
    }
    if (opened) events.push(this.taskEvent(base, t, 'task.created'));
    return events;
  }

  private taskEvent(base: { caseId: string; procedureKey: string; offices: string[] }, t: ItemTransition, type: 'task.created' | 'task.completed' | 'task.cancelled'): NewIntegrationEvent {
    const groups = t.item.candidateGroups.length ? t.item.candidateGroups : (t.element?.candidateGroups ?? []);
    return {
      ...base,
      type,
      dedupeKey: `${type}:${t.item.id}`,
      taskId: t.item.id,
      offices: groups.length ? groups : base.offices,
      data: { elementId: t.item.elementId, taskName: t.item.name },
    };
  }
}

/** Office user tasks announce their step when the case timeline records it (see the class comment). */
function isOfficeTask(t: ItemTransition): boolean {
  if (t.item.elementType !== 'bpmn:UserTask') return false;
  const groups = t.item.candidateGroups.length ? t.item.candidateGroups : (t.element?.candidateGroups ?? []);
  return !groups.includes('citizen');
}
