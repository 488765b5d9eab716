import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiPageQuery, ApiProblems, Page, PageDto, parsePageRequest, ProblemSpec } from '../../common';
import { AUTH_PROBLEMS, CurrentPrincipal, Principal, principalSubject } from '../identity';
import { CreatedWebhookSubscriptionDto, CreateWebhookRequestDto, WebhookDeliveryDto, WebhookSubscriptionDto } from './dto/webhook.dto';
import { SERVICE_ACCOUNT_MESSAGES as SA, WEBHOOK_MESSAGES as M } from './integration.messages';
import { WebhooksService } from './webhooks/webhooks.service';
import { CreatedWebhookSubscription, WebhookDeliveryView, WebhookSubscriptionView } from './webhooks/webhooks.types';

const ACCOUNT: ProblemSpec = { 404: { SERVICE_ACCOUNT_NOT_FOUND: SA.notFound } };
const SUBSCRIPTION: ProblemSpec = { 404: { SERVICE_ACCOUNT_NOT_FOUND: SA.notFound, WEBHOOK_SUBSCRIPTION_NOT_FOUND: M.subscriptionNotFound } };

/** Webhook subscriptions of a service account, their deliveries and replays (admin JWT or ADMIN_API_TOKEN). */
@ApiTags('integrazione')
@ApiBearerAuth()
@Controller('api/v1/admin/service-accounts/:id/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({ summary: 'Sottoscrivi un webhook', description: 'Events the account may read (events:read, its offices and procedures), narrowed by `types`, `offices`, `procedures`.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: CreatedWebhookSubscriptionDto })
  @ApiProblems(ACCOUNT, { 400: { WEBHOOK_INVALID: M.invalid }, 422: { WEBHOOK_URL_NOT_ALLOWED: M.urlNotAllowed } }, AUTH_PROBLEMS)
  subscribe(@Param('id') id: string, @Body() body: CreateWebhookRequestDto, @CurrentPrincipal({ optional: true }) p: Principal | undefined): Promise<CreatedWebhookSubscription> {
    return this.webhooks.subscribe(id, body, p ? principalSubject(p) : 'admin-api-token');
  }

  @Get()
  @ApiOperation({ summary: 'Webhook di un account di servizio' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [WebhookSubscriptionDto] })
  @ApiProblems(ACCOUNT, AUTH_PROBLEMS)
  list(@Param('id') id: string): Promise<WebhookSubscriptionView[]> {
    return this.webhooks.subscriptions(id);
  }

  @Get(':subscriptionId/deliveries')
  @ApiOperation({ summary: 'Consegne', description: 'Oldest first; `status=parked` lists those given up after the retry window, with the last error.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'subscriptionId', format: 'uuid' })
  @ApiQuery({ name: 'status', required: false, schema: { type: 'string', enum: ['pending', 'delivered', 'parked'] } })
  @ApiPageQuery()
  @ApiOkResponse({ type: PageDto(WebhookDeliveryDto) })
  @ApiProblems(SUBSCRIPTION, { 400: { WEBHOOK_INVALID: M.invalid, COMMON_BAD_PAGINATION: 'Parametri di paginazione non validi' } }, AUTH_PROBLEMS)
  deliveries(@Param('id') id: string, @Param('subscriptionId') subscriptionId: string, @Query() q: Record<string, string>): Promise<Page<WebhookDeliveryView>> {
    return this.webhooks.deliveries(id, subscriptionId, q.status, parsePageRequest(q));
  }

  @Post(':subscriptionId/deliveries/:deliveryId/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Riprova una consegna', description: 'Back to pending, due now, with a new retry window; same webhook-id, so the receiver can recognise it.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'subscriptionId', format: 'uuid' })
  @ApiParam({ name: 'deliveryId', format: 'uuid' })
  @ApiOkResponse({ type: WebhookDeliveryDto })
  @ApiProblems({ 404: { ...(SUBSCRIPTION[404] as Record<string, string>), WEBHOOK_DELIVERY_NOT_FOUND: M.deliveryNotFound } }, AUTH_PROBLEMS)
  replay(@Param('id') id: string, @Param('subscriptionId') subscriptionId: string, @Param('deliveryId') deliveryId: string): Promise<WebhookDeliveryView> {
    return this.webhooks.replay(id, subscriptionId, deliveryId);
  }
}
