export { TasksModule } from './tasks.module';
export { TasksService, CITIZEN_QUEUE } from './tasks.service';
export * from './tasks.types';
export * from './tasks.exceptions';
