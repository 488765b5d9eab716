import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { CasesModule } from '../cases';
import { EngineModule } from '../engine';
import { EventFeedController } from './event-feed.controller';
import { EventFeedService } from './event-feed.service';
import { EventRecorder } from './handlers/event-recorder.listener';
import { ServiceAccountsController } from './service-accounts.controller';
import { ServiceAccountsService } from './service-accounts.service';
import { ServiceCallAudit } from './service-call.audit';

/** The integration API for the Comune's verticals: the event feed and service accounts with API keys. */
@Module({
  imports: [EngineModule, CasesModule],
  controllers: [EventFeedController, ServiceAccountsController],
  providers: [EventFeedService, EventRecorder, ServiceAccountsService, ServiceCallAudit],
  exports: [EventFeedService, ServiceAccountsService],
})
export class IntegrationModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ServiceCallAudit).forRoutes('api/{*path}');
  }
}
