import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Page, parsePageRequest } from '../../common';
import { CatalogueService } from './catalogue.service';
import { ProcedureDetail, ProcedureSummary } from './catalogue.types';
import { parseProcedureFilter } from './dto/procedure-filter.request';

/** The public list of procedures a citizen can apply for. */
@ApiTags('catalogo')
@Controller('api/v1/procedures')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  list(@Query() query: Record<string, unknown>): Promise<Page<ProcedureSummary>> {
    return this.catalogue.list(parseProcedureFilter(query), parsePageRequest(query));
  }

  @Get(':key')
  get(@Param('key') key: string): Promise<ProcedureDetail> {
    return this.catalogue.get(key);
  }
}
