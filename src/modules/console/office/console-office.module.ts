import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit';
import { CasesModule } from '../../cases';
import { CatalogueModule } from '../../catalogue';
import { WebModule } from '../../web';
import { OfficeViewsController } from './office-views.controller';
import { OfficeViewsService } from './office-views.service';

/** The office head's views under /console/ufficio. */
@Module({
  imports: [WebModule, AuditModule, CasesModule, CatalogueModule],
  controllers: [OfficeViewsController],
  providers: [OfficeViewsService],
  exports: [OfficeViewsService],
})
export class ConsoleOfficeModule {}
