import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVENT_TYPES, EventType } from '../integration.types';
import { CreatedWebhookSubscription, DeliveryStatus, WebhookDeliveryView, WebhookSubscriptionView } from '../webhooks/webhooks.types';

/** Body of POST /api/v1/admin/service-accounts/{id}/webhooks. */
export class CreateWebhookRequestDto {
  @ApiProperty({ type: String, description: 'https URL of the receiver (loopback and private ranges are refused unless configured)', example: 'https://tributi.comune.example.it/sportello/webhook' })
  url?: unknown;

  @ApiProperty({ type: [String], enum: EVENT_TYPES, example: ['case.filed', 'case.status-changed'] })
  types?: unknown;

  @ApiPropertyOptional({ type: [String], description: 'Only events of these offices (within the account’s)', example: ['anagrafe'] })
  offices?: unknown;

  @ApiPropertyOptional({ type: [String], description: 'Only events of these procedures', example: ['certificato-residenza'] })
  procedures?: unknown;
}

export class WebhookSubscriptionDto implements WebhookSubscriptionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ example: 'https://tributi.comune.example.it/sportello/webhook' }) url!: string;
  @ApiProperty({ type: [String], enum: EVENT_TYPES, example: ['case.filed'] }) types!: EventType[];
  @ApiProperty({ type: [String], example: ['anagrafe'] }) offices!: string[];
  @ApiProperty({ type: [String], example: [] }) procedures!: string[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class CreatedWebhookSubscriptionDto extends WebhookSubscriptionDto implements CreatedWebhookSubscription {
  @ApiProperty({
    description:
      'Signing secret, shown only here. Each request carries `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature` = `v1,` + base64(HMAC-SHA256(base64-decoded secret after `whsec_`, `<id>.<timestamp>.<body>`)). Verify it in constant time, refuse timestamps more than 5 minutes off and ids already seen.',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  })
  secret!: string;
}

export class WebhookDeliveryDto implements WebhookDeliveryView {
  @ApiProperty({ format: 'uuid', description: 'Also the webhook-id header, the same on every attempt' }) id!: string;
  @ApiProperty({ format: 'uuid' }) subscriptionId!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'case.filed' }) eventType!: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'parked'], example: 'parked' }) status!: DeliveryStatus;
  @ApiProperty({ type: 'integer', example: 12 }) attempts!: number;
  @ApiProperty({ type: String, format: 'date-time' }) nextAttemptAt!: Date;
  @ApiProperty({ type: 'integer', nullable: true, example: 503 }) lastStatus!: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'HTTP 503: servizio non disponibile' }) lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}
