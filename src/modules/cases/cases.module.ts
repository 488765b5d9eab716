import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue';
import { EngineModule } from '../engine';
import { FormsModule } from '../forms';
import { NotificationsModule } from '../notifications';
import { ProtocolModule } from '../protocol';
import { CaseInteractionsController } from './case-interactions.controller';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CaseEmailNotifier } from './handlers/case-email.notifier';
import { FilingAuditListener } from './handlers/filing-audit.listener';
import { ClockResumptionJob, LegalClockService } from './legal-clock';
import { CaseMessagesUseCase } from './use-cases/case-messages.use-case';
import { CaseNotesUseCase } from './use-cases/case-notes.use-case';
import { FileCase } from './use-cases/file-case.use-case';
import { RateCaseUseCase } from './use-cases/rate-case.use-case';
import { WithdrawCaseUseCase } from './use-cases/withdraw-case.use-case';

const USE_CASES = [CaseMessagesUseCase, CaseNotesUseCase, WithdrawCaseUseCase, RateCaseUseCase];

@Module({
  imports: [EngineModule, CatalogueModule, FormsModule, NotificationsModule, ProtocolModule],
  controllers: [CasesController, CaseInteractionsController],
  // LegalClockService first: its transition listener runs before CasesService's, so a resumption precedes the next step on the timeline.
  providers: [LegalClockService, CasesService, FileCase, CaseEmailNotifier, FilingAuditListener, ClockResumptionJob, ...USE_CASES],
  exports: [CasesService, LegalClockService, ClockResumptionJob, ...USE_CASES],
})
export class CasesModule {}
