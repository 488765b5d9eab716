import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config';
import { ioRecipient } from '../../app-io';
import { CatalogueService } from '../../catalogue';
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
    private readonly catalogue: CatalogueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tx: Transactions,
  ) {
    this.repo = new CasesRepository(tx);
  }

  onModuleInit(): void {
    this.cases.onStatusChange(async ({ caseRow, status, itemId }) => {
      // By App IO (fiscal code) or e-mail, chosen when sent; a citizen with neither hears in the personal area only.
      if (!caseRow.citizen_email && !ioRecipient(caseRow.citizen_fiscal_code)) return;
      await this.notifications.enqueueEmail({
        caseId: caseRow.id,
        event: status,
        procedureKey: caseRow.procedure_key,
        to: caseRow.citizen_email,
        fiscalCode: ioRecipient(caseRow.citizen_fiscal_code),
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
    // The office by its name ("Ufficio Anagrafe e Stato civile"), never its key.
    const addressed = MESSAGE_EVENTS.has(ref.event) ? {} : { citizenName: c.citizen_name, office: (await this.catalogue.office(c.office))?.name ?? c.office };
    // The citizen's link to the case; a citizen's message goes to the office, which has no personal area.
    const link = ref.event === 'messaggio-cittadino' ? {} : { caseUrl: `${this.config.PUBLIC_BASE_URL}/area-personale/pratiche/${encodeURIComponent(c.id)}` };
    return {
      ...link,
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
