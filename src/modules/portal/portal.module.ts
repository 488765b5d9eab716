import { Module } from '@nestjs/common';
import { CasesModule } from '../cases';
import { CatalogueModule } from '../catalogue';
import { DocumentsModule } from '../documents';
import { FormsModule } from '../forms';
import { PaymentsModule } from '../payments';
import { NotificationsModule } from '../notifications';
import { TasksModule } from '../tasks';
import { WebModule } from '../web';
import { CaseActionsController } from './case-actions.controller';
import { CaseActionsService } from './case-actions.service';
import { CataloguePagesController } from './catalogue-pages.controller';
import { CataloguePagesService } from './catalogue-pages.service';
import { DocumentsPagesController } from './documents-pages.controller';
import { DraftRetentionService } from './draft-retention.service';
import { PaymentsPagesController } from './payments-pages.controller';
import { PersonalAreaController } from './personal-area.controller';
import { PersonalAreaService } from './personal-area.service';
import { StatusLookupController } from './status-lookup.controller';
import { WizardController } from './wizard.controller';
import { WizardService } from './wizard.service';

/** The citizen portal: catalogue pages, the application wizard with drafts, the personal area. */
@Module({
  imports: [WebModule, CatalogueModule, FormsModule, CasesModule, TasksModule, DocumentsModule, PaymentsModule, NotificationsModule],
  controllers: [CataloguePagesController, StatusLookupController, WizardController, PersonalAreaController, CaseActionsController, DocumentsPagesController, PaymentsPagesController],
  providers: [CataloguePagesService, CaseActionsService, WizardService, PersonalAreaService, DraftRetentionService],
  exports: [DraftRetentionService, WizardService],
})
export class PortalModule {}
