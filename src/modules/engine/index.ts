export { EngineModule } from './engine.module';
export { EngineService } from './engine.service';
export { EngineSandbox } from './engine-sandbox';
export type { Sandbox } from './engine-sandbox';
export type { DryRunLog } from './dry-run';
export { ServiceTask, ServiceTaskProvider, ServiceTaskRegistry, SERVICE_NAME_PATTERN } from './service-task.registry';
export { TimerSchedulerService, ENGINE_CLOCK, EngineClock } from './timer-scheduler.service';
export * from './engine.types';
export * from './engine.exceptions';
