import { Injectable, OnModuleInit } from '@nestjs/common';
import { Transactions } from '../../../database';
import { AuditService } from '../../audit';
import { CasesService } from '../cases.service';
import { FilingContext } from '../filing.types';

/**
 * Audits every filing (`case.file`) inside the filing transaction (contract 1): the case and its
 * audit row commit together or not at all. The actor is the applicant (citizen, fiscal code).
 */
@Injectable()
export class FilingAuditListener implements OnModuleInit {
  constructor(
    private readonly cases: CasesService,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
  ) {}

  onModuleInit(): void {
    this.cases.onFiling((ctx) => this.onFiling(ctx));
  }

  async onFiling(ctx: FilingContext): Promise<void> {
    // Appended just before COMMIT: the chain's head row is then held for the commit only, so
    // concurrent filings (a click day) do not queue on it for the whole filing.
    this.tx.beforeCommit(() => this.audit.record({
      actor: { kind: 'citizen', subject: ctx.applicant.fiscalCode },
      action: 'case.file',
      resource: { type: 'case', id: ctx.caseId },
      channel: ctx.via ?? (ctx.channel === 'desk' ? 'desk' : 'web'),
      address: ctx.address ?? null,
    }));
  }
}
