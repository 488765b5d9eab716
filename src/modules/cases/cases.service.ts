import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { Page, PageRequest } from '../../common';
import { APP_CONFIG, AppConfig } from '../../config';
import { Transactions } from '../../database';
import { CatalogueService } from '../catalogue';
import { EngineService, ItemTransition } from '../engine';
import { FormSchema, FormsService } from '../forms';
import { CaseInvalidRequestException, CaseNotFoundException, CaseStatusLookupLimitedException } from './cases.exceptions';
import { CASE_MESSAGES as M } from './cases.messages';
import { CasesRepository } from './cases.repository';
import { Applicant, CaseRow, CaseSummary, CaseView, CaseViewer, displayStatus } from './cases.types';
import { legalDeadline } from './legal-deadline';
import { LegalClockService } from './legal-clock';
import { CaseInteractionsRepository } from './use-cases/case-interactions.repository';

const OUTCOMES = new Set(['accettata', 'rifiutata', 'conclusa']);
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;
const LOOKUP_WINDOW_MS = 10 * 60_000;
const LOOKUP_MAX_ATTEMPTS = 20;

/** Listeners other modules register to act on a case's citizen-visible status changes, in the same transaction. */
export type CaseStatusListener = (event: { caseRow: CaseRow; status: string; message: string; itemId: string }) => Promise<void>;

/**
 * A case (pratica): one citizen's application to one procedure. Filing it validates the data
 * against the start form exactly as the browser does, then in one transaction stores the case,
 * starts the procedure (whose first service task registers it in the protocol) and records the
 * first status. The timeline follows the process: every node with a citizenStatus appends to it.
 */
@Injectable()
export class CasesService implements OnModuleInit {
  private readonly repo: CasesRepository;
  private readonly statusListeners: CaseStatusListener[] = [];
  private readonly interactions: CaseInteractionsRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly engine: EngineService,
    private readonly catalogue: CatalogueService,
    private readonly forms: FormsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: LegalClockService,
  ) {
    this.repo = new CasesRepository(tx);
    this.interactions = new CaseInteractionsRepository(tx);
  }

  onModuleInit(): void {
    this.engine.onTransitions((transitions) => this.onTransitions(transitions));
  }

  onStatusChange(listener: CaseStatusListener): void {
    this.statusListeners.push(listener);
  }

  async submit(
    applicant: Applicant,
    request: { procedureKey?: unknown; data?: unknown },
    options: { idempotencyKey?: string; channel?: 'web' | 'desk' } = {},
  ): Promise<{ case: CaseView; created: boolean }> {
    if (typeof request.procedureKey !== 'string' || !request.procedureKey) throw new CaseInvalidRequestException('procedureKey', M.procedureRequired);
    if (!request.data || typeof request.data !== 'object' || Array.isArray(request.data)) throw new CaseInvalidRequestException('data', M.dataRequired);
    const key = options.idempotencyKey;
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw new CaseInvalidRequestException('Idempotency-Key', M.idempotencyKey);
    if (key) {
      const existing = await this.repo.findByIdempotencyKey(applicant.fiscalCode, key);
      if (existing) return { case: await this.view(existing), created: false };
    }
    const procedure = await this.catalogue.get(request.procedureKey);
    const cleaned = this.forms.validate(procedure.startForm.schema as unknown as FormSchema, request.data);
    const caseId = randomUUID();
    const submittedAt = new Date();
    const citizenName = `${applicant.givenName} ${applicant.familyName}`.trim();
    try {
      await this.tx.run(async () => {
        await this.repo.insert({
          id: caseId,
          code: caseCode(),
          procedureKey: procedure.key,
          procedureTitle: procedure.title,
          modelVersionId: procedure.currentVersion.id,
          office: procedure.office.key,
          citizenFiscalCode: applicant.fiscalCode,
          citizenName,
          citizenEmail: applicant.email ?? null,
          channel: options.channel ?? 'web',
          status: 'inviata',
          data: cleaned,
          submittedAt,
          legalDays: procedure.legalDays,
          legalDeadline: legalDeadline(submittedAt, procedure.legalDays),
          idempotencyKey: key ?? null,
        });
        const richiedente = {
          ...((cleaned.richiedente as Record<string, unknown>) ?? {}),
          nome: applicant.givenName,
          cognome: applicant.familyName,
          codiceFiscale: applicant.fiscalCode,
          ...(applicant.email ? { email: applicant.email } : {}),
        };
        const { instance } = await this.engine.startProcess(
          procedure.key,
          { ...cleaned, caseId, richiedente, channel: options.channel ?? 'web' },
          { actor: `citizen:${applicant.fiscalCode}` },
        );
        await this.repo.attachInstance(caseId, instance.id);
      });
    } catch (e) {
      // Two retries with one Idempotency-Key racing: the loser returns the winner's case.
      if (key && (e as { code?: string }).code === '23505') {
        const existing = await this.repo.findByIdempotencyKey(applicant.fiscalCode, key);
        if (existing) return { case: await this.view(existing), created: false };
      }
      throw e;
    }
    return { case: await this.get(caseId, { kind: 'citizen', fiscalCode: applicant.fiscalCode }), created: true };
  }

  async get(id: string, viewer: CaseViewer): Promise<CaseView> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.repo.findById(id) : undefined;
    if (!row || !canSee(viewer, row)) throw new CaseNotFoundException(id);
    return this.view(row);
  }

  /** The row a task belongs to, for other modules (tasks) that already checked access. */
  async row(id: string): Promise<CaseRow> {
    const row = await this.repo.findById(id);
    if (!row) throw new CaseNotFoundException(id);
    return row;
  }

  async listMine(fiscalCode: string, page: PageRequest): Promise<Page<CaseSummary>> {
    const { rows, total } = await this.repo.listForCitizen(fiscalCode, page.offset, page.pageSize);
    return { items: rows.map(summary), total, page: page.page, pageSize: page.pageSize };
  }

  /**
   * AgID criterion 8: anyone holding the case code and the applicant's fiscal code can read its
   * status. Attempts are counted per client in the database, so every app process shares the limit.
   */
  async lookup(code: string, fiscalCode: string, client: string, now = new Date()): Promise<CaseView> {
    const windowStart = new Date(Math.floor(now.getTime() / LOOKUP_WINDOW_MS) * LOOKUP_WINDOW_MS);
    const [{ attempts }] = (await this.tx.manager().query(
      `insert into case_lookup_attempt (client, window_start, attempts) values ($1, $2, 1)
       on conflict (client, window_start) do update set attempts = case_lookup_attempt.attempts + 1 returning attempts`,
      [client, windowStart],
    )) as Array<{ attempts: number }>;
    if (attempts > LOOKUP_MAX_ATTEMPTS) throw new CaseStatusLookupLimitedException();
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
    await this.repo.markTakenInCharge(e.caseId);
    // Parallel office tasks announcing the same step (two offices' opinions): the first claim tells the citizen.
    if (!e.status || current.status === e.status) return;
    const recorded = await this.repo.appendEvent({
      caseId: e.caseId,
      status: e.status,
      message: e.message ?? e.status,
      actorKind: 'operator',
      actorOffice: e.office,
      elementId: e.elementId,
      itemId: e.itemId,
      outcome: false,
      closed: false,
    });
    if (!recorded) return;
    const caseRow = await this.repo.findById(e.caseId);
    if (caseRow) for (const l of this.statusListeners) await l({ caseRow, status: e.status, message: e.message ?? e.status, itemId: e.itemId });
  }

  private async view(row: CaseRow): Promise<CaseView> {
    const [timeline, openCitizenTasks] = [await this.repo.timeline(row.id), await this.repo.openCitizenTasks(row.id)];
    const clock = await this.clock.state(row.id);
    const rating = await this.interactions.rating(row.id);
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
      openCitizenTasks,
    };
  }

  /** Inside the engine operation's transaction: protocol data and citizen-visible steps land on the case. */
  private async onTransitions(transitions: ItemTransition[]): Promise<void> {
    // Protocol numbers land on the case once per operation (the last state of the data carries them).
    const lastDataByCase = new Map<string, Readonly<Record<string, unknown>>>();
    for (const t of transitions) if (typeof t.instanceData.caseId === 'string') lastDataByCase.set(t.instanceData.caseId, t.instanceData);
    for (const [caseId, data] of lastDataByCase) {
      const protocollo = data.protocollo as { numero?: string; anno?: number; data?: string } | undefined;
      if (protocollo?.numero && protocollo.anno) {
        await this.repo.recordProtocol(caseId, { numero: protocollo.numero, anno: protocollo.anno, data: protocollo.data ?? null });
      }
      const uscita = data.protocolloUscita as { numero?: string; anno?: number } | undefined;
      if (uscita?.numero && uscita.anno) await this.repo.recordOutcomeProtocol(caseId, { numero: uscita.numero, anno: uscita.anno });
    }
    for (const t of transitions) {
      const caseId = typeof t.instanceData.caseId === 'string' ? t.instanceData.caseId : undefined;
      if (!caseId) continue;
      const status = t.element?.properties.citizenStatus;
      if (!status || t.previousStatus !== null) continue;
      // Until an operator takes the case in charge, an office task's step waits for its first claim (recordClaimedStep).
      if (isOfficeTask(t) && !(await this.repo.findById(caseId))?.taken_in_charge_at) continue;
      const message = t.element?.properties.citizenMessage ?? status;
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
      const caseRow = await this.repo.findById(caseId);
      if (caseRow) for (const l of this.statusListeners) await l({ caseRow, status, message, itemId: t.item.id });
    }
    const ended = transitions.find((t) => t.instanceStatus === 'end' && typeof t.instanceData.caseId === 'string');
    if (ended) await this.repo.markClosed(ended.instanceData.caseId as string);
  }
}

function isOfficeTask(t: ItemTransition): boolean {
  if (t.item.elementType !== 'bpmn:UserTask') return false;
  const groups = t.item.candidateGroups.length ? t.item.candidateGroups : (t.element?.candidateGroups ?? []);
  return !groups.includes('citizen');
}

function canSee(viewer: CaseViewer, row: CaseRow): boolean {
  switch (viewer.kind) {
    case 'citizen':
      return viewer.fiscalCode === row.citizen_fiscal_code;
    case 'operator':
      return viewer.offices.includes(row.office);
    case 'admin':
      return true;
  }
}

function actorKind(actor: string | null): 'citizen' | 'operator' | 'system' {
  if (actor?.startsWith('citizen:')) return 'citizen';
  if (actor?.startsWith('operator:')) return 'operator';
  return 'system';
}

function caseCode(): string {
  const bytes = randomBytes(10);
  let out = '';
  for (const b of bytes) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return `SP-${out.slice(0, 5)}-${out.slice(5)}`;
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
