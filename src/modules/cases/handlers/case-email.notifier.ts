import { Injectable, OnModuleInit } from '@nestjs/common';
import { Transactions } from '../../../database';
import { EmailReference, NotificationsService } from '../../notifications';
import { CasesRepository } from '../cases.repository';
import { CasesService } from '../cases.service';

const MESSAGE_EVENTS = new Set(['messaggio-cittadino', 'messaggio-ufficio']);

/**
 * On every citizen-visible status change, an e-mail to the citizen, queued in the outbox in the
 * same transaction as the change: only the event, the recipient and the reference (case, status,
 * item). The notifications dispatcher renders it when it sends it, with the case's data as it is
 * then (the protocol number is assigned when the filing commits), asking this resolver.
 */
@Injectable()
export class CaseEmailNotifier implements OnModuleInit {
  private readonly repo: CasesRepository;

  constructor(
    private readonly cases: CasesService,
    private readonly notifications: NotificationsService,
    tx: Transactions,
  ) {
    this.repo = new CasesRepository(tx);
  }

  onModuleInit(): void {
    this.cases.onStatusChange(async ({ caseRow, status, itemId }) => {
      if (!caseRow.citizen_email) return;
      await this.notifications.enqueueEmail({
        caseId: caseRow.id,
        event: status,
        procedureKey: caseRow.procedure_key,
        to: caseRow.citizen_email,
        item: itemId,
        dedupeKey: `${caseRow.id}:${status}:${itemId}`,
      });
    });
    this.notifications.resolveVariablesWith((ref) => this.variables(ref));
  }

  /** The case as it is when the e-mail is sent. */
  private async variables(ref: EmailReference): Promise<Record<string, unknown>> {
    const c = await this.repo.findById(ref.caseId);
    if (!c) return {};
    const message = await this.repo.eventMessage(c.id, ref.item, ref.event);
    // A message e-mail greets its recipient (the office or the citizen) and names the office as the sender wrote it: fixed at enqueue.
    const addressed = MESSAGE_EVENTS.has(ref.event) ? {} : { citizenName: c.citizen_name, office: c.office };
    return {
      procedureTitle: c.procedure_title,
      caseCode: c.code,
      protocolNumber: c.protocol_number ?? undefined,
      protocolDate: c.protocol_date ?? undefined,
      ...addressed,
      legalDeadline: String(c.legal_deadline).slice(0, 10),
      ...(message ? { message } : {}),
      // The withdrawal's own number, assigned when the withdrawal committed.
      ...(c.withdrawal_protocol_number ? { withdrawalProtocol: `${c.withdrawal_protocol_number}/${c.withdrawal_protocol_year}` } : {}),
    };
  }
}
