export { NotificationsModule } from './notifications.module';
export { NotificationsService } from './notifications.service';
export { OutboxDispatcher } from './outbox-dispatcher.service';
export { MAIL_TRANSPORT, MailDeliveryError } from './mail-transport.port';
export type { MailTransport, OutgoingEmail, SentEmail } from './mail-transport.port';
export { EMAIL_TEMPLATES_DIR } from './email-templates';
export { textToMarkdown } from './email-renderer';
export { DEFAULT_NOTICE_CHANNEL, NOTICE_CHANNELS } from './channel-preferences.repository';
export type { NoticeChannel } from './channel-preferences.repository';
export {
  NotificationsInvalidEmailException,
  NotificationsTemplateFailedException,
  NotificationsTemplateMissingException,
} from './notifications.exceptions';
export { ALERT_EVENT, CASE_EMAIL_EVENTS, CITIZEN_EVENTS, EMAIL_EVENTS, EMAIL_LOCALES } from './notifications.types';
export type {
  CitizenEvent,
  EmailEvent,
  DispatchReport,
  EmailLocale,
  EmailReference,
  EmailAttachment,
  EmailAttachmentsResolver,
  EmailVariablesResolver,
  EmailVariables,
  EnqueuedEmail,
  EnqueueEmailInput,
  EnqueueAlertInput,
  AlertDeliveryCounts,
  AlertRecipientStatus,
  ChannelCounts,
  NoticeDocumentLink,
  NoticeDocumentsResolver,
  OutboxEmail,
  OutboxStatus,
} from './notifications.types';
