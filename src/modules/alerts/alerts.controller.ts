import { Body, Controller, Get, Header, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, parsePageRequest } from '../../common';
import { AUTH_PROBLEMS, CurrentPrincipal, Principal, Roles } from '../identity';
import { AlertListResponseDto, AlertRecipientPageDto, AlertResponseDto, AlertTopicListDto, NewAlertRequestDto } from './dto/alert.dto';
import { AlertsService, AlertStatus } from './alerts.service';

const INVALID = { ALERT_INVALID: 'Avviso non valido: gli errori nominano ogni campo' };
const NOT_FOUND = { ALERT_NOT_FOUND: 'Avviso non trovato' };

/** Targeted alerts for administrators: send to a topic, read delivery counts and each recipient's status. */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/v1/admin/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get('topics')
  @Roles('admin')
  @ApiOperation({ summary: 'Argomenti degli avvisi', description: 'The topics citizens may subscribe to, with their subscriber counts.' })
  @ApiOkResponse({ type: AlertTopicListDto })
  @ApiProblems({}, AUTH_PROBLEMS)
  async topics(): Promise<AlertTopicListDto> {
    return { items: await Promise.all(this.alerts.topics().map(async (t) => ({ ...t, subscribers: await this.alerts.subscriberCount(t.key) }))) };
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Invia un avviso a un argomento', description: 'Queues one notice per subscriber (App IO or e-mail, as each citizen is reachable), delivered at ALERTS_RATE_PER_SECOND.' })
  @ApiCreatedResponse({ type: AlertResponseDto })
  @ApiProblems({ 400: INVALID }, AUTH_PROBLEMS)
  async send(@CurrentPrincipal() admin: Principal, @Body() body: NewAlertRequestDto, @Req() req: Request): Promise<AlertStatus> {
    const alert = await this.alerts.send(admin, (body ?? {}) as unknown as Record<string, unknown>, { channel: 'api', address: req.ip });
    return this.alerts.status(alert.id);
  }

  @Get()
  @Roles('admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Avvisi inviati', description: 'The latest 20 alerts, newest first, with their delivery counts.' })
  @ApiOkResponse({ type: AlertListResponseDto })
  @ApiProblems({}, AUTH_PROBLEMS)
  async list(): Promise<AlertListResponseDto> {
    return { items: (await this.alerts.recent()) as unknown as AlertResponseDto[] };
  }

  @Get(':id')
  @Roles('admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Stato di consegna di un avviso', description: 'Queued, sent and failed notices per channel (io, email, unassigned).' })
  @ApiOkResponse({ type: AlertResponseDto })
  @ApiProblems({ 404: NOT_FOUND }, AUTH_PROBLEMS)
  status(@Param('id') id: string): Promise<AlertStatus> {
    return this.alerts.status(id);
  }

  @Get(':id/recipients')
  @Roles('admin')
  @Header('Cache-Control', 'no-store')
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'sent', 'failed'] })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  @ApiOperation({ summary: 'Destinatari di un avviso', description: "Each recipient's channel, status, attempts and IO message id, by fiscal code." })
  @ApiOkResponse({ type: AlertRecipientPageDto })
  @ApiProblems({ 400: { ...INVALID, COMMON_BAD_PAGINATION: 'Parametri di paginazione non validi' }, 404: NOT_FOUND }, AUTH_PROBLEMS)
  async recipients(@Param('id') id: string, @Query() q: Record<string, string>): Promise<AlertRecipientPageDto> {
    const page = parsePageRequest(q);
    const { total, items } = await this.alerts.recipients(id, q.status, page.pageSize, page.offset);
    return { items: items as unknown as AlertRecipientPageDto['items'], total, page: page.page, pageSize: page.pageSize };
  }
}
