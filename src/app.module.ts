import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from './config';
import { DatabaseModule } from './database';
import { LoggingModule } from './common/logging.module';
import { EngineModule } from './modules/engine';
import { ProtocolModule } from './modules/protocol';
import { CatalogueModule } from './modules/catalogue';
import { ModelerModule } from './modules/modeler';
import { IdentityModule, StaffModule } from './modules/identity';
import { NotificationsModule } from './modules/notifications';
import { CasesModule } from './modules/cases';
import { TasksModule } from './modules/tasks';
import { DocumentsModule } from './modules/documents';
import { AuditModule } from './modules/audit';
import { IntegrationModule } from './modules/integration';
import { WebModule } from './modules/web';
import { PortalModule } from './modules/portal';
import { PaymentsModule } from './modules/payments';
import { AnprModule } from './modules/anpr';
import { CitizenAuthModule } from './modules/citizen-auth';
import { StaffLoginModule } from './modules/staff-login';
import { AdminModule } from './modules/admin';
import { AlertsModule } from './modules/alerts';
import { ConsoleDeskModule, ConsoleModule, ConsoleOfficeModule } from './modules/console';

/** Composes the feature modules; holds no business providers. */
@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forConfig(config), LoggingModule, DatabaseModule, IdentityModule, StaffModule, AuditModule, EngineModule, ProtocolModule, CatalogueModule, NotificationsModule, CasesModule, TasksModule, AnprModule, DocumentsModule, PaymentsModule, WebModule, PortalModule, CitizenAuthModule, StaffLoginModule, AdminModule, AlertsModule, ConsoleModule, ConsoleDeskModule, ConsoleOfficeModule, ModelerModule, IntegrationModule],
    };
  }
}
