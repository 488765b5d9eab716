import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config';
import { Transactions } from '../../../database';
import { EngineService, ItemTransition } from '../../engine';
import { BusinessCalendar } from './business-calendar';
import { addDays, CalendarDate, minDate, romeDateOf } from './calendar-date';
import { ClockState, computeClock, maySuspend, SUSPENSION_RULES, SuspensionKind } from './legal-clock';
import { LEGAL_CLOCK_MESSAGES as M } from './legal-clock.messages';
import { CasesRepository } from '../cases.repository';
import { CaseRow } from '../cases.types';
import { LegalClockRepository, StoredSuspension } from './legal-clock.repository';

const CITIZEN_GROUP = 'citizen';
export const CLOCK_EVENTS = { suspended: 'termine-sospeso', notSuspended: 'termine-non-sospeso', resumed: 'termine-ripreso' } as const;

/**
 * The L. 241/1990 clock of every case, driven by the process. The rule (documented in
 * ARCHITECTURE-level notes): a user task addressed to the citizen (candidateGroups "citizen")
 * suspends the term while it waits, when its element property `legalClock` says so
 * (`integrazione` or `preavviso-rigetto`; `none` opts out) or, without it, when its citizenStatus
 * is `da-integrare` (art. 2 c. 7) or `sospesa` (art. 10-bis). The task's completion or
 * cancellation resumes it: an integration the day it arrives (at most `legalClockMaxDays`, default
 * 30, after the request); a 10-bis notice 10 days after the observations, or when the window for
 * them ends. A second integration does not suspend the term again. Each suspension and resumption
 * is on the case timeline; the case's deadline and its open tasks' due dates follow.
 */
@Injectable()
export class LegalClockService implements OnModuleInit, OnApplicationBootstrap {
  readonly calendar: BusinessCalendar;
  private readonly repo: LegalClockRepository;
  private readonly cases: CasesRepository;

  constructor(
    tx: Transactions,
    private readonly engine: EngineService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.calendar = new BusinessCalendar(config.COMUNE_PATRON_DAY);
    this.repo = new LegalClockRepository(tx);
    this.cases = new CasesRepository(tx);
  }

  /**
   * Two listeners, so the timeline reads in order: resumptions are recorded before the other
   * modules' listeners record the next step (registered at module init, before theirs), and
   * suspensions after the step that caused them (registered at bootstrap, after all of them),
   * which then also moves the deadline and the due dates of the cases touched.
   */
  onModuleInit(): void {
    this.engine.onTransitions((transitions) => this.onTransitions(transitions, 'resume'));
  }

  onApplicationBootstrap(): void {
    this.engine.onTransitions((transitions) => this.onTransitions(transitions, 'suspend'));
  }

  /** The case's clock as of `now`: current deadline, days left, suspension. */
  async state(caseId: string, now: Date = new Date()): Promise<ClockState | undefined> {
    const input = await this.cases.findById(caseId);
    if (!input) return undefined;
    return this.stateOf(input, await this.repo.list(caseId), now);
  }

  /** The clock of a case whose row and suspensions the caller already holds. */
  stateOf(input: Pick<CaseRow, 'submitted_at' | 'legal_days'>, stored: StoredSuspension[], now: Date = new Date()): ClockState {
    const suspensions = stored.filter((s) => !s.refused);
    return computeClock({ submittedOn: romeDateOf(new Date(input.submitted_at)), legalDays: input.legal_days, suspensions, today: romeDateOf(now) }, this.calendar);
  }

  /** The first deadline of an istanza received at `submittedAt` (no suspension yet). */
  initialDeadline(submittedAt: Date, legalDays: number): CalendarDate {
    return this.calendar.addCalendarDays(romeDateOf(submittedAt), legalDays);
  }

  private async onTransitions(transitions: ItemTransition[], phase: 'resume' | 'suspend'): Promise<void> {
    const touched = new Set<string>();
    const today = romeDateOf(new Date());
    for (const t of transitions) {
      const caseId = typeof t.instanceData.caseId === 'string' ? t.instanceData.caseId : undefined;
      if (!caseId) continue;
      touched.add(caseId);
      const kind = suspensionKind(t);
      if (!kind) continue;
      if (phase === 'suspend' && t.item.status === 'wait' && t.previousStatus !== 'wait') await this.suspend(caseId, t, kind, today);
      else if (phase === 'resume' && t.previousStatus === 'wait' && t.item.status !== 'wait') await this.resume(caseId, t, today);
    }
    if (phase === 'resume') return;
    for (const caseId of touched) {
      const row = await this.cases.findById(caseId);
      if (!row) continue;
      const { deadline } = this.stateOf(row, await this.repo.list(caseId));
      // Tasks take the case's deadline when they open, so an unchanged deadline leaves nothing to move.
      if (deadline !== String(row.legal_deadline).slice(0, 10)) await this.repo.storeDeadline(caseId, deadline);
    }
  }

  private async suspend(caseId: string, t: ItemTransition, kind: SuspensionKind, today: CalendarDate): Promise<void> {
    const existing = (await this.repo.list(caseId)).filter((s) => !s.refused);
    const refused = !maySuspend(existing, kind);
    const rules = SUSPENSION_RULES[kind];
    const custom = Number(t.element?.properties.legalClockMaxDays);
    const maxDays = kind === 'integrazione' && Number.isInteger(custom) && custom > 0 ? custom : rules.maxDays;
    const autoResumeDays = kind === 'integrazione' ? maxDays : rules.autoResumeDays;
    const started = await this.repo.start({ caseId, itemId: t.item.id, kind, from: today, autoResumeDays, maxDays, refused });
    if (!started) return;
    await this.repo.timeline({
      caseId,
      status: refused ? CLOCK_EVENTS.notSuspended : CLOCK_EVENTS.suspended,
      message: refused ? M.notSuspended : M.suspended[kind](maxDays),
      actorKind: 'system',
      elementId: t.item.elementId,
      itemId: t.item.id,
    });
  }

  private async resume(caseId: string, t: ItemTransition, today: CalendarDate): Promise<void> {
    const s = (await this.repo.list(caseId)).find((x) => x.itemId === t.item.id);
    if (!s || s.refused || s.resumesOn) return;
    let resumesOn: CalendarDate;
    if (s.kind === 'integrazione') resumesOn = minDate(today, addDays(s.from, s.maxDays));
    // Art. 10-bis: observations restart the term 10 days later; without them it restarts when their window ends.
    else if (t.actor?.startsWith('citizen:')) resumesOn = minDate(addDays(today, 10), addDays(s.from, s.maxDays));
    else resumesOn = addDays(s.from, s.autoResumeDays);
    await this.repo.resume(caseId, s.id, resumesOn);
    const state = await this.state(caseId);
    await this.repo.timeline({
      caseId,
      status: CLOCK_EVENTS.resumed,
      message: M.resumed(resumesOn, state!.deadline),
      actorKind: t.actor?.startsWith('citizen:') ? 'citizen' : 'system',
      elementId: t.item.elementId,
      itemId: t.item.id,
    });
  }
}

function suspensionKind(t: ItemTransition): SuspensionKind | null {
  if (t.item.elementType !== 'bpmn:UserTask') return null;
  const groups = t.item.candidateGroups.length ? t.item.candidateGroups : (t.element?.candidateGroups ?? []);
  if (!groups.includes(CITIZEN_GROUP)) return null;
  const p = t.element?.properties ?? {};
  if (p.legalClock === 'integrazione' || p.legalClock === 'preavviso-rigetto') return p.legalClock;
  if (p.legalClock === 'none') return null;
  if (p.citizenStatus === 'da-integrare') return 'integrazione';
  if (p.citizenStatus === 'sospesa') return 'preavviso-rigetto';
  return null;
}
