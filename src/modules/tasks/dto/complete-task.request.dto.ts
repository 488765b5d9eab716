import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Body of POST /api/v1/tasks/{id}/complete: validated against the task's form. */
export class CompleteTaskRequestDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The task form's data (form-js keys)",
    example: { verificaAnpr: true, esito: 'accolta', motivazione: 'Residenza verificata in ANPR' },
  })
  data?: unknown;

  @ApiPropertyOptional({ type: 'integer', description: 'The task version the client saw; a stale one answers 409', example: 1 })
  version?: unknown;
}
