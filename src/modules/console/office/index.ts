export { ConsoleOfficeModule } from './console-office.module';
export { OfficeViewsService } from './office-views.service';
