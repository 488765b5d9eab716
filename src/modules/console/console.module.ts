import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { CasesModule } from '../cases';
import { CatalogueModule } from '../catalogue';
import { DocumentsModule } from '../documents';
import { TasksModule } from '../tasks';
import { WebModule } from '../web';

/**
 * The operator console (pages under /console, operators and office heads only): the inbox and the
 * task page. The front desk and office views live in their own modules (console/desk, console/office).
 */
@Module({
  imports: [WebModule, AuditModule, CasesModule, CatalogueModule, DocumentsModule, TasksModule],
  controllers: [],
  providers: [],
})
export class ConsoleModule {}
