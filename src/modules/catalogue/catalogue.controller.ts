import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiPageQuery, ApiProblems, Page, PageDto, parsePageRequest } from '../../common';
import { CATALOGUE_MESSAGES as M } from './catalogue.messages';
import { CatalogueService } from './catalogue.service';
import { ProcedureDetail, ProcedureSummary } from './catalogue.types';
import { parseProcedureFilter } from './dto/procedure-filter.request';
import { ProcedureDetailDto, ProcedureSummaryDto } from './dto/procedure.response.dto';

/** The public list of procedures a citizen can apply for. */
@ApiTags('catalogo')
@Controller('api/v1/procedures')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @ApiOperation({ summary: 'Catalogo dei procedimenti', description: 'Public.' })
  @ApiQuery({ name: 'office', required: false, example: 'anagrafe' })
  @ApiQuery({ name: 'category', required: false, example: 'anagrafe-e-stato-civile' })
  @ApiQuery({ name: 'q', required: false, description: 'Free text in title and legal basis', example: 'residenza' })
  @ApiPageQuery()
  @ApiOkResponse({ type: PageDto(ProcedureSummaryDto) })
  @ApiProblems({ 400: { CATALOGUE_BAD_FILTER: M.badFilter, COMMON_BAD_PAGINATION: 'Parametri di paginazione non validi' } })
  list(@Query() query: Record<string, unknown>): Promise<Page<ProcedureSummary>> {
    return this.catalogue.list(parseProcedureFilter(query), parsePageRequest(query));
  }

  @Get(':key')
  @ApiOperation({ summary: 'Un procedimento', description: 'Public: metadata, office and the current start form.' })
  @ApiOkResponse({ type: ProcedureDetailDto })
  @ApiProblems({ 404: { CATALOGUE_PROCEDURE_NOT_FOUND: M.procedureNotFound('certificato-residenza') } })
  get(@Param('key') key: string): Promise<ProcedureDetail> {
    return this.catalogue.get(key);
  }
}
