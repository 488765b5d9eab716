export { TasksModule } from './tasks.module';
export { TasksService, CITIZEN_QUEUE } from './tasks.service';
export * from './tasks.types';
export * from './tasks.exceptions';
export { TaskDetailUseCase } from './use-cases/task-detail.use-case';
export type { TaskDetailView } from './use-cases/task-detail.use-case';
export type { AttachmentRef } from './use-cases/attachment-refs';
export { parseInboxQuery } from './inbox-query';
