import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common';
import { CatalogueBadFilterException } from './catalogue.exceptions';
import { CATALOGUE_MESSAGES } from './catalogue.messages';
import { CatalogueService } from './catalogue.service';
import { FormVersion } from './catalogue.types';
import { FormVersionResponseDto } from './dto/form-version.response.dto';

/** form-js schemas of the catalogue, by key and version (public like the procedures that use them). */
@ApiTags('catalogo')
@Controller('api/v1/forms')
export class FormsController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get(':key')
  @ApiOperation({ summary: 'Un modulo', description: 'Public: a form-js schema, its newest version or the one given.' })
  @ApiQuery({ name: 'version', required: false, type: Number })
  @ApiOkResponse({ type: FormVersionResponseDto })
  @ApiProblems({ 400: { CATALOGUE_BAD_FILTER: CATALOGUE_MESSAGES.badFilter }, 404: { CATALOGUE_FORM_NOT_FOUND: 'Modulo non trovato nel catalogo' } })
  get(@Param('key') key: string, @Query('version') version?: string): Promise<FormVersion> {
    if (version !== undefined && !/^[1-9]\d{0,8}$/.test(version)) {
      throw new CatalogueBadFilterException([{ field: 'version', message: CATALOGUE_MESSAGES.formVersion }]);
    }
    return this.catalogue.formAt(key, version === undefined ? undefined : Number(version));
  }
}
