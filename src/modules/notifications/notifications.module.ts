import { Module } from '@nestjs/common';
import { AppIoModule } from '../app-io';
import { ChannelPreferencesRepository } from './channel-preferences.repository';
import { APP_CONFIG, AppConfig } from '../../config';
import { EmailRenderer } from './email-renderer';
import { defaultEmailTemplatesDir, EMAIL_TEMPLATES_DIR, EmailTemplates } from './email-templates';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport.port';
import { NotificationsService } from './notifications.service';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { OutboxRepository } from './outbox.repository';
import { SmtpMailTransport } from './smtp-mail-transport.adapter';

/**
 * Citizen e-mails: outbox, Italian templates, SMTP delivery. Needs the global ConfigModule,
 * LoggingModule and DatabaseModule. Without SMTP_URL the port is bound to null and rows wait.
 */
@Module({
  imports: [AppIoModule],
  providers: [
    ChannelPreferencesRepository,
    { provide: EMAIL_TEMPLATES_DIR, useFactory: defaultEmailTemplatesDir },
    {
      provide: EmailTemplates,
      inject: [EMAIL_TEMPLATES_DIR],
      useFactory: (dir: string): EmailTemplates => {
        const templates = new EmailTemplates(dir);
        templates.checkDefaults();
        return templates;
      },
    },
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig): MailTransport | null => (c.SMTP_URL ? new SmtpMailTransport(c.SMTP_URL, c.MAIL_FROM) : null),
    },
    OutboxRepository,
    EmailRenderer,
    NotificationsService,
    OutboxDispatcher,
  ],
  exports: [NotificationsService, OutboxDispatcher, MAIL_TRANSPORT],
})
export class NotificationsModule {}
