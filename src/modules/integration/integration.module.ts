import { Module } from '@nestjs/common';
import { CasesModule } from '../cases';
import { EngineModule } from '../engine';
import { EventFeedController } from './event-feed.controller';
import { EventFeedService } from './event-feed.service';
import { EventRecorder } from './handlers/event-recorder.listener';

/** The integration API for the Comune's verticals: the event feed (service accounts and webhooks build on it). */
@Module({
  imports: [EngineModule, CasesModule],
  controllers: [EventFeedController],
  providers: [EventFeedService, EventRecorder],
  exports: [EventFeedService],
})
export class IntegrationModule {}
