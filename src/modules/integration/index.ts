export { IntegrationModule } from './integration.module';
export { EventFeedService, decodeCursor, encodeCursor } from './event-feed.service';
export * from './integration.types';
export * from './integration.exceptions';
export { ServiceAccountsService } from './service-accounts.service';
export { WebhookDispatcher } from './webhooks/webhook-dispatcher.service';
export { signWebhook } from './webhooks/webhook-signature';
