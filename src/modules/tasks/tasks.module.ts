import { Module } from '@nestjs/common';
import { CasesModule } from '../cases';
import { CatalogueModule } from '../catalogue';
import { EngineModule } from '../engine';
import { FormsModule } from '../forms';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [EngineModule, CasesModule, CatalogueModule, FormsModule],
  controllers: [TasksController],
  providers: [TasksService],
  exports: [TasksService],
})
export class TasksModule {}
