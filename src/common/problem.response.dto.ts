import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldErrorDto {
  @ApiProperty({ example: 'body' })
  field!: string;

  @ApiProperty({ example: 'scrivere un messaggio da 1 a 4000 caratteri' })
  message!: string;
}

/** RFC 9457 problem+json, as ProblemFilter writes it: for documenting error responses. */
export class ProblemResponseDto {
  @ApiProperty({ example: 'urn:sportello:problem:CASE_NOT_FOUND' })
  type!: string;

  @ApiProperty({ example: 'Not Found' })
  title!: string;

  @ApiProperty({ example: 404 })
  status!: number;

  @ApiProperty({ example: 'Pratica non trovata' })
  detail!: string;

  @ApiProperty({ example: 'CASE_NOT_FOUND' })
  code!: string;

  @ApiPropertyOptional()
  instance?: string;

  @ApiPropertyOptional()
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
