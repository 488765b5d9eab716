import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config';
import { AdminSessionGuard } from '../admin';
import { AuditModule } from '../audit';
import { NotificationsModule } from '../notifications';
import { WebModule } from '../web';
import { ALERT_TOPICS, AlertTopic, loadAlertTopics } from './alert-topics';
import { AlertsController } from './alerts.controller';
import { AlertsPagesController } from './alerts-pages.controller';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';
import { NoticePreferencesController } from './notice-preferences.controller';

/** Targeted alerts (topics, subscriptions, sending through the outbox) and the citizen's notice preferences. */
@Module({
  imports: [NotificationsModule, WebModule, AuditModule],
  controllers: [AlertsController, AlertsPagesController, NoticePreferencesController],
  providers: [
    { provide: ALERT_TOPICS, inject: [APP_CONFIG], useFactory: (c: AppConfig): AlertTopic[] => loadAlertTopics(c.alertTopicsFile) },
    AlertsRepository,
    AlertsService,
    AdminSessionGuard,
  ],
  exports: [AlertsService],
})
export class AlertsModule {}
