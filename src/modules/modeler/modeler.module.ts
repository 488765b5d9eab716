import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue';
import { EngineModule } from '../engine';
import { DraftsRepository } from './drafts.repository';
import { DryRunService } from './dry-run.service';
import { ModelerApiController } from './modeler-api.controller';
import { ModelerPagesController } from './modeler-pages.controller';
import { ModelerService } from './modeler.service';

/** The analysts' modeler: pages serving modeler-ui/, drafts, validation with the catalogue's lint. */
@Module({
  imports: [CatalogueModule, EngineModule],
  controllers: [ModelerPagesController, ModelerApiController],
  providers: [DraftsRepository, ModelerService, DryRunService],
})
export class ModelerModule {}
