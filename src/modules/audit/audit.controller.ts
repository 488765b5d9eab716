import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainException, Page, parsePageRequest } from '../../common';
import { Roles } from '../identity';
import { AUDIT_CSV_HEADER, auditCsvLine } from './audit-csv';
import { AUDIT_MESSAGES as M } from './audit.messages';
import { AuditFilter } from './audit.repository';
import { AuditService } from './audit.service';
import { AUDIT_RESOURCES, AuditEntry } from './audit.types';
import { AuditPageResponseDto } from './dto/audit-entry.response.dto';

/** The audit trail for administrators: filtered, paginated, and exported as CSV. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @Header('Cache-Control', 'no-store')
  @ApiQuery({ name: 'resourceType', required: false, enum: AUDIT_RESOURCES })
  @ApiQuery({ name: 'resourceId', required: false })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  @ApiOkResponse({ type: AuditPageResponseDto, description: 'Rows, newest first; errors are application/problem+json' })
  list(@Query() q: Record<string, string>): Promise<Page<AuditEntry>> {
    return this.audit.list(filterOf(q), parsePageRequest(q));
  }

  @Get('export')
  @Roles('admin')
  @Header('Cache-Control', 'no-store')
  @ApiQuery({ name: 'resourceType', required: false, enum: AUDIT_RESOURCES })
  @ApiQuery({ name: 'resourceId', required: false })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV (RFC 4180) of every matching row in chain order, hashes included', schema: { type: 'string' } })
  async export(@Query() q: Record<string, string>, @Res() res: Response): Promise<void> {
    const filter = filterOf(q);
    res.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="audit.csv"');
    res.write(`${AUDIT_CSV_HEADER}\r\n`);
    for await (const e of this.audit.entries(filter)) res.write(`${auditCsvLine(e)}\r\n`);
    res.end();
  }
}

function filterOf(q: Record<string, string>): AuditFilter {
  const { resourceType, resourceId } = q;
  if (resourceType !== undefined && !(AUDIT_RESOURCES as readonly string[]).includes(resourceType)) throw invalid('resourceType', M.resourceType);
  if (resourceId !== undefined && (resourceId === '' || resourceId.length > 200)) throw invalid('resourceId', M.resourceId);
  return { resourceType, resourceId };
}

const invalid = (field: string, message: string): DomainException =>
  new DomainException('AUDIT_INVALID_QUERY', 'invalid', M.invalidQuery, { fieldErrors: [{ field, message }] });
