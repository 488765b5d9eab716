import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiPageQuery, ApiProblems, Page, PageDto, parsePageRequest, ProblemSpec } from '../../common';
import { AUTH_PROBLEMS, CurrentPrincipal, Principal, principalSubject } from '../identity';
import { ApiKeyDto, CreateServiceAccountRequestDto, IssuedApiKeyDto, ServiceAccountDto, ServiceCallDto } from './dto/service-account.dto';
import { SERVICE_ACCOUNT_MESSAGES as M } from './integration.messages';
import { ServiceAccountsService } from './service-accounts.service';
import { ApiKeyView, IssuedApiKey, MAX_LIVE_KEYS, ServiceAccountView, ServiceCallView } from './service-accounts.types';

const NOT_FOUND: ProblemSpec = { 404: { SERVICE_ACCOUNT_NOT_FOUND: M.notFound } };
const PAGINATION: ProblemSpec = { 400: { COMMON_BAD_PAGINATION: 'Parametri di paginazione non validi' } };

/** Administrators manage the machine clients of the Comune's verticals (admin JWT or ADMIN_API_TOKEN). */
@ApiTags('integrazione')
@ApiBearerAuth()
@Controller('api/v1/admin/service-accounts')
export class ServiceAccountsController {
  constructor(private readonly accounts: ServiceAccountsService) {}

  @Post()
  @ApiOperation({ summary: 'Crea un account di servizio', description: 'Scopes: cases:read, tasks:complete, events:read, each limited to `offices` (and `procedures` when given). Then issue a key.' })
  @ApiCreatedResponse({ type: ServiceAccountDto })
  @ApiProblems(
    { 400: { SERVICE_ACCOUNT_INVALID: M.invalid, REQUEST_ENTITY_PARSE_FAILED: 'Il contenuto inviato non è un JSON valido' }, 409: { SERVICE_ACCOUNT_NAME_TAKEN: M.nameTaken } },
    AUTH_PROBLEMS,
  )
  create(@Body() body: CreateServiceAccountRequestDto, @CurrentPrincipal({ optional: true }) p: Principal | undefined): Promise<ServiceAccountView> {
    return this.accounts.create(body, by(p));
  }

  @Get()
  @ApiOperation({ summary: 'Account di servizio' })
  @ApiPageQuery()
  @ApiOkResponse({ type: PageDto(ServiceAccountDto) })
  @ApiProblems(PAGINATION, AUTH_PROBLEMS)
  list(@Query() query: Record<string, string>): Promise<Page<ServiceAccountView>> {
    return this.accounts.list(parsePageRequest(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Un account di servizio', description: 'With its keys (never their secret).' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ServiceAccountDto })
  @ApiProblems(NOT_FOUND, AUTH_PROBLEMS)
  get(@Param('id') id: string): Promise<ServiceAccountView> {
    return this.accounts.get(id);
  }

  @Post(':id/keys')
  @ApiOperation({
    summary: 'Emetti una chiave',
    description: `The whole key is in this answer only; the platform keeps its SHA-256. At most ${MAX_LIVE_KEYS} live keys: to rotate, issue the new one, switch the vertical, revoke the old one.`,
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: IssuedApiKeyDto })
  @ApiProblems(NOT_FOUND, { 409: { SERVICE_ACCOUNT_TOO_MANY_KEYS: M.tooManyKeys(MAX_LIVE_KEYS) } }, AUTH_PROBLEMS)
  issueKey(@Param('id') id: string, @CurrentPrincipal({ optional: true }) p: Principal | undefined): Promise<IssuedApiKey> {
    return this.accounts.issueKey(id, by(p));
  }

  @Post(':id/keys/:keyId/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoca una chiave', description: 'Effective at once on every process: keys are checked in the database on every call. Revoking twice is harmless.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'keyId', format: 'uuid' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiProblems({ 404: { SERVICE_ACCOUNT_KEY_NOT_FOUND: M.keyNotFound } }, AUTH_PROBLEMS)
  revokeKey(@Param('id') id: string, @Param('keyId') keyId: string, @CurrentPrincipal({ optional: true }) p: Principal | undefined): Promise<ApiKeyView> {
    return this.accounts.revokeKey(id, keyId, by(p));
  }

  @Get(':id/calls')
  @ApiOperation({ summary: 'Chiamate registrate', description: 'Every call made with the account’s keys, newest first.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiPageQuery()
  @ApiOkResponse({ type: PageDto(ServiceCallDto) })
  @ApiProblems(NOT_FOUND, PAGINATION, AUTH_PROBLEMS)
  calls(@Param('id') id: string, @Query() query: Record<string, string>): Promise<Page<ServiceCallView>> {
    return this.accounts.calls(id, parsePageRequest(query));
  }
}

/** Who acted: the admin, or the operations token (which carries no principal). */
const by = (p: Principal | undefined): string => (p ? principalSubject(p) : 'admin-api-token');
