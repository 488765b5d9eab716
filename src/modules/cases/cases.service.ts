import { Injectable, OnModuleInit } from '@nestjs/common';
import { Page, PageRequest, rateLimitBucket } from '../../common';
import { Transactions } from '../../database';
import { EngineService, ItemTransition } from '../engine';
import { canReadCase } from '../identity';
import { CaseInvalidRequestException, CaseNotFoundException, CaseStatusLookupLimitedException } from './cases.exceptions';
import { CASE_MESSAGES as M } from './cases.messages';
import { CasesRepository } from './cases.repository';
import { citizenMessage } from './citizen-message';
import { Applicant, CaseRow, CaseSummary, CaseView, CaseViewer, displayStatus } from './cases.types';
import { FilingListener } from './filing.types';
import { LegalClockService } from './legal-clock';
import { addDays } from './legal-clock/calendar-date';
import { LegalClockRepository } from './legal-clock/legal-clock.repository';
import { FileCase, FilingOptions } from './use-cases/file-case.use-case';

const OUTCOMES = new Set(['accettata', 'rifiutata', 'conclusa']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOKUP_WINDOW_MS = 10 * 60_000;
const LOOKUP_MAX_ATTEMPTS = 20;

/** Listeners other modules register to act on a case's citizen-visible status changes, in the same transaction. */
/** `claimed`: the step was recorded by the first claim of an office task (take-in-charge), not by the engine reaching it. */
export type CaseStatusListener = (event: { caseRow: CaseRow; status: string; message: string; itemId: string; claimed?: boolean }) => Promise<void>;

/**
 * A case (pratica): one citizen's application to one procedure. Filing it (use-cases/file-case)
 * validates the data against the start form exactly as the browser does, then in one transaction
 * stores the case, registers the istanza in the protocol, starts the procedure and records the
 * first status. The timeline follows the process: every node with a citizenStatus appends to it.
 */
@Injectable()
export class CasesService implements OnModuleInit {
  private readonly repo: CasesRepository;
  private readonly statusListeners: CaseStatusListener[] = [];

  constructor(
    private readonly tx: Transactions,
    private readonly engine: EngineService,
    private readonly filing: FileCase,
    private readonly clock: LegalClockService,
  ) {
    this.repo = new CasesRepository(tx);
  }

  onModuleInit(): void {
    this.engine.onTransitions((transitions) => this.onTransitions(transitions));
  }

  onStatusChange(listener: CaseStatusListener): void {
    this.statusListeners.push(listener);
  }

  /** Contract 1: listeners that act inside every filing transaction (see FilingListener). */
  onFiling(listener: FilingListener): void {
    this.filing.onFiling(listener);
  }

  /**
   * Files an application (every channel). The case is read after the filing commits, so the
   * answer carries the protocol number the register assigned at commit.
   */
  async submit(
    applicant: Applicant,
    request: { procedureKey?: unknown; data?: unknown },
    options: FilingOptions = {},
  ): Promise<{ case: CaseView; created: boolean }> {
    const { caseId, created } = await this.filing.execute(applicant, request, options);
    return { case: await this.get(caseId, { kind: 'citizen', fiscalCode: applicant.fiscalCode }), created };
  }

  async get(id: string, viewer: CaseViewer): Promise<CaseView> {
    if (!UUID.test(id)) throw new CaseInvalidRequestException('id', M.invalidId);
    const row = await this.repo.findById(id);
    if (!row || !canReadCase(viewer, { office: row.office, citizenFiscalCode: row.citizen_fiscal_code, procedureKey: row.procedure_key })) throw new CaseNotFoundException(id);
    return this.view(row);
  }

  /** The row a task belongs to, for other modules (tasks) that already checked access. */
  async row(id: string): Promise<CaseRow> {
    const row = await this.repo.findById(id);
    if (!row) throw new CaseNotFoundException(id);
    return row;
  }

  /** The case a citizen filed with an Idempotency-Key (e.g. the first click of a double click), if any. */
  async findFiledWithKey(fiscalCode: string, idempotencyKey: string): Promise<CaseView | null> {
    const row = await this.repo.findByIdempotencyKey(fiscalCode, idempotencyKey);
    return row ? this.view(row) : null;
  }

  async listMine(fiscalCode: string, page: PageRequest): Promise<Page<CaseSummary>> {
    const { rows, total } = await this.repo.listForCitizen(fiscalCode, page.offset, page.pageSize);
    return { items: rows.map(summary), total, page: page.page, pageSize: page.pageSize };
  }

  /**
   * AgID criterion 8: anyone holding the case code and the applicant's fiscal code can read its
   * status. Attempts are counted per client in the database, so every app process shares the limit:
   * per IPv4 address, per /64 for IPv6; a refusal says when the window ends.
   */
  async lookup(code: string, fiscalCode: string, address: string, now = new Date()): Promise<CaseView> {
    const client = rateLimitBucket(address);
    const windowStart = new Date(Math.floor(now.getTime() / LOOKUP_WINDOW_MS) * LOOKUP_WINDOW_MS);
    const [{ attempts }] = (await this.tx.manager().query(
      `insert into case_lookup_attempt (client, window_start, attempts) values ($1, $2, 1)
       on conflict (client, window_start) do update set attempts = case_lookup_attempt.attempts + 1 returning attempts`,
      [client, windowStart],
    )) as Array<{ attempts: number }>;
    if (attempts > LOOKUP_MAX_ATTEMPTS) {
      throw new CaseStatusLookupLimitedException(Math.ceil((windowStart.getTime() + LOOKUP_WINDOW_MS - now.getTime()) / 1000));
    }
    const row = await this.repo.findByCode(code.trim().toUpperCase());
    if (!row || row.citizen_fiscal_code !== fiscalCode.trim().toUpperCase()) throw new CaseNotFoundException(code);
    const view = await this.view(row);
    return { ...view, openCitizenTasks: [] };
  }

  /** The case as operators see it, for other modules (tasks) that already checked access to one of its tasks. */
  async viewForTask(caseId: string): Promise<CaseView> {
    return this.view(await this.row(caseId));
  }

  /**
   * AgID criterion 9: the case is taken in charge when an operator first claims (or is assigned)
   * one of its office tasks, not when the engine creates it. That first claim sets the
   * take-in-charge date and records the step the task announces (its citizenStatus, usually
   * presa-in-carico) with the operator's office as actor; steps of later office tasks are
   * recorded when the engine reaches them, as before. Claiming again does nothing.
   */
  async recordClaimedStep(e: { caseId: string; itemId: string; elementId: string; status: string | null; message: string | null; office: string }): Promise<void> {
    const current = await this.repo.findById(e.caseId);
    if (!current || current.taken_in_charge_at || current.closed_at) return;
    // Parallel office tasks announcing the same step (two offices' opinions): the first claim tells the citizen.
    const status = e.status && current.status !== e.status ? e.status : null;
    const message = e.message ?? status ?? '';
    const recorded = status
      ? await this.repo.appendEvent({ caseId: e.caseId, status, message, actorKind: 'operator', actorOffice: e.office, elementId: e.elementId, itemId: e.itemId, outcome: false, closed: false })
      : undefined;
    // Recording presa-in-carico sets the take-in-charge date itself; any other first claim sets it here.
    if (!recorded?.taken_in_charge_at) await this.repo.markTakenInCharge(e.caseId);
    if (!recorded || !status) return;
    const caseRow = recorded.taken_in_charge_at ? recorded : await this.repo.findById(e.caseId);
    if (caseRow) for (const l of this.statusListeners) await l({ caseRow, status, message, itemId: e.itemId, claimed: true });
  }

  private async view(row: CaseRow): Promise<CaseView> {
    const { timeline, openCitizenTasks, suspensions, rating } = await this.repo.viewParts(row.id);
    const stored = LegalClockRepository.fromRows(suspensions);
    const clock = this.clock.stateOf(row, stored);
    // A citizen task that suspended the clock is a request with a term: the citizen answers by its end.
    const replyBy = new Map(stored.map((s) => [s.itemId, addDays(s.from, s.maxDays)]));
    return {
      id: row.id,
      code: row.code,
      procedure: { key: row.procedure_key, title: row.procedure_title },
      office: row.office,
      status: row.status,
      displayStatus: displayStatus(row.status),
      submittedAt: row.submitted_at,
      protocol: row.protocol_number ? { number: row.protocol_number, year: row.protocol_year!, date: row.protocol_date } : null,
      takenInChargeAt: row.taken_in_charge_at,
      legalDays: row.legal_days,
      legalDeadline: clock?.deadline ?? dateOnly(row.legal_deadline),
      legalClock: clock
        ? { deadline: clock.deadline, daysLeft: clock.daysLeft, suspended: clock.suspended, suspendedSince: clock.suspendedSince, resumesBy: clock.resumesBy, suspendedDays: clock.suspendedDays }
        : null,
      outcome: row.outcome,
      outcomeProtocol: row.outcome_protocol_number ? { number: row.outcome_protocol_number, year: row.outcome_protocol_year! } : null,
      closedAt: row.closed_at,
      withdrawal: row.withdrawn_at
        ? { at: row.withdrawn_at, protocol: row.withdrawal_protocol_number ? { number: row.withdrawal_protocol_number, year: row.withdrawal_protocol_year! } : null }
        : null,
      rating,
      timeline,
      openCitizenTasks: openCitizenTasks.map((t) => ({ ...t, replyBy: replyBy.get(t.id) ?? null })),
    };
  }

  /**
   * Inside the engine operation's transaction: citizen-visible steps land on the case. Protocol
   * numbers do not come from process data: the register writes them on the case when it assigns them.
   */
  private async onTransitions(transitions: ItemTransition[]): Promise<void> {
    for (const t of transitions) {
      const caseId = typeof t.instanceData.caseId === 'string' ? t.instanceData.caseId : undefined;
      if (!caseId) continue;
      const status = t.element?.properties.citizenStatus;
      if (!status || t.previousStatus !== null) continue;
      // Until an operator takes the case in charge, an office task's step waits for its first claim (recordClaimedStep).
      if (isOfficeTask(t) && !(await this.repo.findById(caseId))?.taken_in_charge_at) continue;
      const template = t.element?.properties.citizenMessage;
      const message = template ? citizenMessage(template, t.instanceData) || status : status;
      const recorded = await this.repo.appendEvent({
        caseId,
        status,
        message,
        actorKind: actorKind(t.actor),
        elementId: t.item.elementId,
        itemId: t.item.id,
        outcome: OUTCOMES.has(status) && t.item.elementType === 'bpmn:EndEvent',
        closed: t.instanceStatus === 'end',
      });
      if (!recorded) continue;
      for (const l of this.statusListeners) await l({ caseRow: recorded, status, message, itemId: t.item.id });
    }
    const ended = transitions.find((t) => t.instanceStatus === 'end' && typeof t.instanceData.caseId === 'string');
    if (ended && !(await this.repo.findById(ended.instanceData.caseId as string))?.closed_at) await this.repo.markClosed(ended.instanceData.caseId as string);
  }
}

function isOfficeTask(t: ItemTransition): boolean {
  if (t.item.elementType !== 'bpmn:UserTask') return false;
  const groups = t.item.candidateGroups.length ? t.item.candidateGroups : (t.element?.candidateGroups ?? []);
  return !groups.includes('citizen');
}

function actorKind(actor: string | null): 'citizen' | 'operator' | 'system' {
  if (actor?.startsWith('citizen:')) return 'citizen';
  if (actor?.startsWith('operator:')) return 'operator';
  return 'system';
}

const dateOnly = (d: string | Date): string => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

function summary(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    code: row.code,
    procedure: { key: row.procedure_key, title: row.procedure_title },
    status: row.status,
    displayStatus: displayStatus(row.status),
    submittedAt: row.submitted_at,
    protocolNumber: row.protocol_number,
    legalDeadline: dateOnly(row.legal_deadline),
  };
}
