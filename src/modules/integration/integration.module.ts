import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { CasesModule } from '../cases';
import { EngineModule } from '../engine';
import { EventFeedController } from './event-feed.controller';
import { EventFeedService } from './event-feed.service';
import { EventRecorder } from './handlers/event-recorder.listener';
import { ServiceAccountsController } from './service-accounts.controller';
import { ServiceAccountsService } from './service-accounts.service';
import { ServiceCallAudit } from './service-call.audit';
import { WebhooksController } from './webhooks.controller';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.service';
import { WebhooksService } from './webhooks/webhooks.service';

/** The integration API for the Comune's verticals: the event feed, service accounts with API keys, signed webhooks. */
@Module({
  imports: [EngineModule, CasesModule],
  controllers: [EventFeedController, ServiceAccountsController, WebhooksController],
  providers: [EventFeedService, EventRecorder, ServiceAccountsService, ServiceCallAudit, WebhooksService, WebhookDispatcher],
  exports: [EventFeedService, ServiceAccountsService, WebhookDispatcher],
})
export class IntegrationModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ServiceCallAudit).forRoutes('api/{*path}');
  }
}
