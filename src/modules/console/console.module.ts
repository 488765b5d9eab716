import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { CasesModule } from '../cases';
import { CatalogueModule } from '../catalogue';
import { DocumentsModule } from '../documents';
import { EngineModule } from '../engine';
import { TasksModule } from '../tasks';
import { WebModule } from '../web';
import { ConsoleInboxController } from './console-inbox.controller';
import { ConsoleInboxService } from './console-inbox.service';
import { ConsoleTaskController } from './console-task.controller';
import { ConsoleTaskService } from './console-task.service';

/**
 * The operator console (pages under /console, operators and office heads only): the inbox and the
 * task page. The front desk and office views live in their own modules (console/desk, console/office).
 */
@Module({
  imports: [WebModule, AuditModule, EngineModule, CasesModule, CatalogueModule, DocumentsModule, TasksModule],
  controllers: [ConsoleInboxController, ConsoleTaskController],
  providers: [ConsoleInboxService, ConsoleTaskService],
})
export class ConsoleModule {}
