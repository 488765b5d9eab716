import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../identity';
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
