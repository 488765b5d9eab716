import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Page, parsePageRequest } from '../../common';
import { AdminTokenGuard } from './admin-token.guard';
import { EngineIncident, EngineInstance, OperationResult } from './engine.types';
import { EngineService } from './engine.service';

/** Administrators see stuck instances and retry or cancel them. */
@ApiTags('amministrazione')
@ApiBearerAuth()
@Controller('api/v1/admin/incidents')
@UseGuards(AdminTokenGuard)
export class IncidentsController {
  constructor(private readonly engine: EngineService) {}

  @Get()
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
  get(@Param('id', ParseUUIDPipe) id: string): Promise<EngineIncident> {
    return this.engine.getIncident(id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  retry(@Param('id', ParseUUIDPipe) id: string): Promise<OperationResult> {
    return this.engine.retryIncident(id, 'admin');
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id', ParseUUIDPipe) id: string): Promise<EngineInstance> {
    return this.engine.cancelIncident(id, 'admin');
  }
}
