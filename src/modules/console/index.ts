export { ConsoleDeskModule } from './desk';
export { ConsoleOfficeModule, OfficeViewsService } from './office';
