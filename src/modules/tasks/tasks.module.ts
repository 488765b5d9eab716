import { Module } from '@nestjs/common';
import { CasesModule } from '../cases';
import { CatalogueModule } from '../catalogue';
import { EngineModule } from '../engine';
import { FormsModule } from '../forms';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';
import { TaskDetailUseCase } from './use-cases/task-detail.use-case';

@Module({
  imports: [EngineModule, CasesModule, CatalogueModule, FormsModule],
  controllers: [TasksController],
  providers: [TasksService, TaskDetailUseCase],
  exports: [TasksService, TaskDetailUseCase],
})
export class TasksModule {}
