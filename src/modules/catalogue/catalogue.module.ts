import { Module } from '@nestjs/common';
import { EngineModule } from '../engine';
import { CatalogueController } from './catalogue.controller';
import { CatalogueRepository } from './catalogue.repository';
import { CatalogueService } from './catalogue.service';
import { FormsController } from './forms.controller';

/** Procedures, forms and offices: loaded from processes/ and forms/, validated, versioned, deployed. */
@Module({
  imports: [EngineModule],
  controllers: [CatalogueController, FormsController],
  providers: [CatalogueRepository, CatalogueService],
  exports: [CatalogueService],
})
export class CatalogueModule {}
