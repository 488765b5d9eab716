import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiPageQuery, ApiProblems, Page, PageDto, parsePageRequest, ProblemSpec } from '../../common';
import { EngineIncidentDto, EngineInstanceDto, OperationResultDto } from './dto/incident.response.dto';
import { AdminTokenGuard } from './admin-token.guard';
import { EngineIncident, EngineInstance, OperationResult } from './engine.types';
import { EngineService } from './engine.service';

const ADMIN: ProblemSpec = {
  401: { ENGINE_ADMIN_UNAUTHENTICATED: 'Autenticazione richiesta', IDENTITY_UNAUTHENTICATED: 'Token di accesso non valido.' },
  403: { ENGINE_ADMIN_FORBIDDEN: 'Operazione riservata agli amministratori' },
};
const NOT_FOUND: ProblemSpec = { 400: { HTTP_400: 'Validation failed (uuid is expected)' }, 404: { ENGINE_INCIDENT_NOT_FOUND: 'Incidente non trovato' } };

/** Administrators see stuck instances and retry or cancel them. */
@ApiTags('amministrazione')
@ApiBearerAuth()
@Controller('api/v1/admin/incidents')
@UseGuards(AdminTokenGuard)
export class IncidentsController {
  constructor(private readonly engine: EngineService) {}

  @Get()
  @ApiOperation({ summary: 'Incidenti del motore', description: 'Admin principal or ADMIN_API_TOKEN.' })
  @ApiQuery({ name: 'status', required: false, schema: { type: 'string', enum: ['open', 'retrying', 'resolved', 'cancelled'] } })
  @ApiQuery({ name: 'instanceId', required: false, schema: { type: 'string', format: 'uuid' } })
  @ApiPageQuery()
  @ApiOkResponse({ type: PageDto(EngineIncidentDto) })
  @ApiProblems({ 400: { COMMON_BAD_PAGINATION: 'Parametri di paginazione non validi' } }, ADMIN)
  async list(@Query() query: Record<string, string>): Promise<Page<EngineIncident>> {
    const page = parsePageRequest(query);
    const { items, total } = await this.engine.listIncidents(
      { status: query.status || undefined, instanceId: query.instanceId || undefined },
      page.offset,
      page.pageSize,
    );
    return { items, total, page: page.page, pageSize: page.pageSize };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Un incidente' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: EngineIncidentDto })
  @ApiProblems(NOT_FOUND, ADMIN)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<EngineIncident> {
    return this.engine.getIncident(id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Riprova un incidente' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OperationResultDto })
  @ApiProblems(NOT_FOUND, { 409: { ENGINE_INCIDENT_CLOSED: "L'incidente è già risolto o annullato", ENGINE_LOCK_TIMEOUT: "La pratica è occupata da un'altra operazione; riprovare" } }, ADMIN)
  retry(@Param('id', ParseUUIDPipe) id: string): Promise<OperationResult> {
    return this.engine.retryIncident(id, 'admin');
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: "Annulla l'istanza bloccata" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: EngineInstanceDto })
  @ApiProblems(NOT_FOUND, { 409: { ENGINE_INCIDENT_CLOSED: "L'incidente è già risolto o annullato", ENGINE_LOCK_TIMEOUT: "La pratica è occupata da un'altra operazione; riprovare" } }, ADMIN)
  cancel(@Param('id', ParseUUIDPipe) id: string): Promise<EngineInstance> {
    return this.engine.cancelIncident(id, 'admin');
  }
}
