export { AlertsModule } from './alerts.module';
export { AlertsService, ALERT_SUBJECT_LIMITS, ALERT_TEXT_LIMITS, PREFERENCES_PATH } from './alerts.service';
export type { AlertStatus, NewAlert } from './alerts.service';
export { loadAlertTopics } from './alert-topics';
export type { AlertTopic } from './alert-topics';
export { AlertInvalidException, AlertNotFoundException } from './alerts.exceptions';
