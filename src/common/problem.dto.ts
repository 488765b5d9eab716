import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldError } from './domain.exception';
import type { ProblemDetails } from './problem.filter';

/** One invalid field of a request, as listed in `errors[]`. */
export class FieldErrorDto implements FieldError {
  @ApiProperty({ description: 'Dotted path of the field', example: 'richiedente.email' })
  field!: string;

  @ApiProperty({ example: 'indirizzo e-mail non valido' })
  message!: string;

  @ApiPropertyOptional({ example: 'email' })
  code?: string;
}

/** RFC 9457 problem document: every error of the API answers `application/problem+json` with this body. */
export class ProblemDto implements ProblemDetails {
  @ApiProperty({ description: '`urn:sportello:problem:<code>` for domain errors, else `about:blank`', example: 'urn:sportello:problem:CASE_NOT_FOUND' })
  type!: string;

  @ApiProperty({ example: 'Not Found' })
  title!: string;

  @ApiProperty({ type: 'integer', example: 404 })
  status!: number;

  @ApiProperty({ description: 'Italian, for the person reading it', example: 'Pratica non trovata' })
  detail!: string;

  @ApiProperty({ description: 'Stable machine-readable code; the operation lists the codes it may answer', example: 'CASE_NOT_FOUND' })
  code!: string;

  @ApiPropertyOptional({ description: 'The request path', example: '/api/v1/cases/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' })
  instance?: string;

  @ApiPropertyOptional({ description: 'Present on 5xx answers: quote it to support', example: '5f0c6a1e-2f39-4d4b-8a55-1c3f1b8e9a10' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'For invalid input: one entry per field' })
  errors?: FieldErrorDto[];
}
