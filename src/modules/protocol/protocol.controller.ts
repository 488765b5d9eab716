import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems } from '../../common';
import { AUTH_PROBLEMS, Roles } from '../identity';
import { DailyRegisterDocumentDto } from './dto/daily-register.response.dto';
import { ProtocolService } from './protocol.service';

/**
 * The registro giornaliero di protocollo (DPR 445/2000; AgID: sent to conservation by the end of
 * the next working day): the day's entries and annulments as canonical JSON, or CSV, with its
 * SHA-256 in the `Digest` header.
 */
@ApiTags('protocollo')
@ApiBearerAuth()
@Controller('api/v1/admin/protocol/daily-registers')
export class ProtocolController {
  constructor(private readonly protocol: ProtocolService) {}

  @Get(':date')
  @Roles('admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Registro giornaliero di protocollo', description: 'Canonical JSON (default) or CSV, with its SHA-256 in `Digest`.' })
  @ApiParam({ name: 'date', schema: { type: 'string', format: 'date' }, example: '2026-03-02' })
  @ApiQuery({ name: 'format', required: false, schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } })
  @ApiExtraModels(DailyRegisterDocumentDto)
  @ApiOkResponse({
    description: 'Il registro del giorno',
    headers: {
      Digest: { description: 'sha-256=<base64 of the SHA-256 of the body>', schema: { type: 'string' } },
      'Content-Disposition': { description: 'attachment; filename="registro-protocollo-<date>.<json|csv>"', schema: { type: 'string' } },
    },
    content: {
      'application/json': { schema: { $ref: getSchemaPath(DailyRegisterDocumentDto) } },
      'text/csv': { schema: { type: 'string' }, example: 'record,year,number,timestamp,...' },
    },
  })
  @ApiProblems({ 400: { PROTOCOL_INVALID_QUERY: 'Parametri non validi' } }, AUTH_PROBLEMS)
  async daily(@Param('date') date: string, @Query('format') format: string | undefined, @Res() res: Response): Promise<void> {
    const register = await this.protocol.dailyRegister(date);
    const csv = format === 'csv';
    res
      .status(200)
      .setHeader('Digest', `sha-256=${Buffer.from(csv ? register.csvDigest : register.digest, 'hex').toString('base64')}`)
      .setHeader('Content-Disposition', `attachment; filename="registro-protocollo-${register.date}.${csv ? 'csv' : 'json'}"`)
      .type(csv ? 'text/csv; charset=utf-8' : 'application/json')
      .send(csv ? register.csv : register.json);
  }
}
