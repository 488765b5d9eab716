export { ConsoleModule } from './console.module';
export { ConsoleDeskModule } from './desk';
export { ConsoleOfficeModule, OfficeViewsService } from './office';
