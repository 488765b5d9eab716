import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Transactions } from '../../../database';
import { EngineService } from '../../engine';
import { NotificationsService } from '../../notifications';
import { ProtocolService } from '../../protocol';
import { CaseInvalidRequestException, CaseNotFoundException, CaseNotWithdrawableException } from '../cases.exceptions';
import { CASE_MESSAGES as M } from '../cases.messages';
import { CaseRow, displayStatus } from '../cases.types';
import { CaseActor } from './case-actor';
import { CaseInteractionsRepository } from './case-interactions.repository';
import { ioRecipient } from '../../app-io';

type Citizen = Extract<CaseActor, { kind: 'citizen' }>;
export const WITHDRAWN_STATUS = 'ritirata';

/** A withdrawal the citizen makes at the front desk: the operator who took it and how the citizen was identified (art. 38 DPR 445/2000). */
export interface DeskWithdrawal {
  operatorId: string;
  identification: 'signed-before-employee' | 'id-copy-attached';
}

export interface CaseWithdrawal {
  caseId: string;
  status: string;
  displayStatus: string;
  withdrawnAt: Date;
  /** Null only if the register could not number it (it numbers every entry at commit). */
  protocol: { number: string; year: number } | null;
}

/**
 * The applicant withdraws the istanza while no outcome exists. In one transaction: the
 * withdrawal is registered in the protocol as an inbound document (its impronta is the SHA-256 of
 * the declaration as recorded), the engine instance is terminated (no task or timer of it runs
 * again), the open tasks leave every queue, the case moves to `ritirata` with a timeline entry,
 * and the citizen gets a confirmation e-mail through the outbox.
 */
@Injectable()
export class WithdrawCaseUseCase {
  private readonly repo: CaseInteractionsRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly engine: EngineService,
    private readonly protocol: ProtocolService,
    private readonly notifications: NotificationsService,
  ) {
    this.repo = new CaseInteractionsRepository(tx);
  }

  async withdraw(caseId: string, citizen: Citizen, reason?: unknown, desk?: DeskWithdrawal): Promise<CaseWithdrawal> {
    if (reason !== undefined && reason !== null && (typeof reason !== 'string' || reason.length > 1000)) {
      throw new CaseInvalidRequestException('reason', M.withdrawalReason);
    }
    if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw new CaseNotFoundException(caseId);
    // An empty or blank reason is no reason: the timeline then says only that the case was withdrawn.
    const why = typeof reason === 'string' && reason.trim() ? reason.trim() : null;
    return this.tx.run(async () => {
      const row = await this.repo.lockCase(caseId);
      if (!row || row.citizen_fiscal_code !== citizen.fiscalCode) throw new CaseNotFoundException(caseId);
      if (row.withdrawn_at) throw new CaseNotWithdrawableException(caseId, 'withdrawn');
      if (row.outcome) throw new CaseNotWithdrawableException(caseId, 'outcome');
      if (row.closed_at) throw new CaseNotWithdrawableException(caseId, 'closed');
      const at = new Date();
      const declaration = JSON.stringify({ caseId, code: row.code, fiscalCode: citizen.fiscalCode, withdrawnAt: at.toISOString(), reason: why, ...(desk ? { channel: 'desk', ...desk } : {}) });
      const entry = await this.protocol.register({
        direction: 'in',
        channel: desk ? 'desk' : 'web',
        ...(desk ? { identification: desk.identification } : {}),
        correspondent: { name: row.citizen_name, fiscalCode: row.citizen_fiscal_code, ...(row.citizen_email ? { email: row.citizen_email } : {}) },
        subject: M.withdrawalSubject(row.procedure_title, row.code),
        office: row.office,
        caseId,
        documents: [
          {
            name: `ritiro-${row.code}.json`,
            sha256: createHash('sha256').update(declaration).digest('hex'),
            mediaType: 'application/json',
            size: Buffer.byteLength(declaration),
          },
        ],
        registeredBy: desk ? `operator:${desk.operatorId}` : `citizen:${citizen.fiscalCode}`,
      });
      if (row.instance_id) await this.engine.terminateInstance(row.instance_id);
      await this.repo.cancelOpenTasks(caseId, `citizen:${citizen.fiscalCode}`);
      // Numbered when this transaction commits (the register's trigger copies it onto the case).
      await this.repo.markWithdrawn(caseId, entry.id, at);
      await this.repo.appendTimeline({
        caseId,
        status: WITHDRAWN_STATUS,
        message: why ? M.withdrawalTimelineWithReason(why) : M.withdrawalTimeline,
        actorKind: 'citizen',
        itemId: `withdrawal:${caseId}`,
      });
      await this.confirm(row);
      return at;
    }).then(async (at) => {
      // Read after commit: the register has numbered the withdrawal by now.
      const done = await this.repo.findCase(caseId);
      const protocol = done?.withdrawal_protocol_number ? { number: done.withdrawal_protocol_number, year: done.withdrawal_protocol_year! } : null;
      return { caseId, status: WITHDRAWN_STATUS, displayStatus: displayStatus(WITHDRAWN_STATUS), withdrawnAt: at, protocol };
    });
  }

  /** The e-mail carries its reference; the protocol data (the withdrawal's number included) are resolved at send time. */
  private async confirm(row: CaseRow): Promise<void> {
    if (!row.citizen_email && !ioRecipient(row.citizen_fiscal_code)) return;
    await this.notifications.enqueueEmail({
      caseId: row.id,
      event: WITHDRAWN_STATUS,
      procedureKey: row.procedure_key,
      to: row.citizen_email,
      fiscalCode: ioRecipient(row.citizen_fiscal_code),
      dedupeKey: `${row.id}:${WITHDRAWN_STATUS}`,
      item: `withdrawal:${row.id}`,
    });
  }
}
