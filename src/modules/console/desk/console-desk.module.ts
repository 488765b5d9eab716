import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit';
import { CasesModule } from '../../cases';
import { CatalogueModule } from '../../catalogue';
import { DocumentsModule } from '../../documents';
import { PortalModule } from '../../portal';
import { WebModule } from '../../web';
import { CitizenDeskService } from './citizen-desk.service';
import { DeskFilingController } from './desk-filing.controller';
import { DeskFilingService } from './desk-filing.service';
import { DeskPagesController } from './desk-pages.controller';
import { DeskWithdrawalService } from './desk-withdrawal.service';

/** The front desk (sportello): citizen search, citizen-360, filing on a citizen's behalf, desk receipts. */
@Module({
  imports: [WebModule, AuditModule, CasesModule, CatalogueModule, DocumentsModule, PortalModule],
  controllers: [DeskPagesController, DeskFilingController],
  providers: [CitizenDeskService, DeskFilingService, DeskWithdrawalService],
})
export class ConsoleDeskModule {}
