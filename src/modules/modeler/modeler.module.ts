import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue';
import { DraftsRepository } from './drafts.repository';
import { ModelerApiController } from './modeler-api.controller';
import { ModelerPagesController } from './modeler-pages.controller';
import { ModelerService } from './modeler.service';

/** The analysts' modeler: pages serving modeler-ui/, drafts, validation with the catalogue's lint. */
@Module({
  imports: [CatalogueModule],
  controllers: [ModelerPagesController, ModelerApiController],
  providers: [DraftsRepository, ModelerService],
})
export class ModelerModule {}
