export { IntegrationModule } from './integration.module';
export { EventFeedService, decodeCursor, encodeCursor } from './event-feed.service';
export * from './integration.types';
export * from './integration.exceptions';
