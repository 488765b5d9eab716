import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue';
import { EngineModule } from '../engine';
import { FormsModule } from '../forms';
import { NotificationsModule } from '../notifications';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CaseEmailNotifier } from './handlers/case-email.notifier';

@Module({
  imports: [EngineModule, CatalogueModule, FormsModule, NotificationsModule],
  controllers: [CasesController],
  providers: [CasesService, CaseEmailNotifier],
  exports: [CasesService],
})
export class CasesModule {}
