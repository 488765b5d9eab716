import { Injectable, OnModuleInit } from '@nestjs/common';
import { NotificationsService } from '../../notifications';
import { CasesService } from '../cases.service';

/**
 * On every citizen-visible status change, an e-mail to the citizen, queued in the outbox in the
 * same transaction as the change (sent after commit by the notifications dispatcher).
 */
@Injectable()
export class CaseEmailNotifier implements OnModuleInit {
  constructor(
    private readonly cases: CasesService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.cases.onStatusChange(async ({ caseRow, status, message, itemId }) => {
      if (!caseRow.citizen_email) return;
      await this.notifications.enqueueEmail({
        caseId: caseRow.id,
        event: status,
        procedureKey: caseRow.procedure_key,
        to: caseRow.citizen_email,
        dedupeKey: `${caseRow.id}:${status}:${itemId}`,
        variables: {
          procedureTitle: caseRow.procedure_title,
          citizenName: caseRow.citizen_name,
          caseCode: caseRow.code,
          protocolNumber: caseRow.protocol_number ?? undefined,
          protocolDate: caseRow.protocol_date ?? undefined,
          office: caseRow.office,
          legalDeadline: String(caseRow.legal_deadline).slice(0, 10),
          message,
        },
      });
    });
  }
}
