import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue';
import { EngineModule } from '../engine';
import { FormsModule } from '../forms';
import { NotificationsModule } from '../notifications';
import { ProtocolModule } from '../protocol';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CaseEmailNotifier } from './handlers/case-email.notifier';
import { FilingAuditListener } from './handlers/filing-audit.listener';
import { FileCase } from './use-cases/file-case.use-case';

@Module({
  imports: [EngineModule, CatalogueModule, FormsModule, NotificationsModule, ProtocolModule],
  controllers: [CasesController],
  providers: [CasesService, FileCase, CaseEmailNotifier, FilingAuditListener],
  exports: [CasesService],
})
export class CasesModule {}
