import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Body of POST /api/v1/tasks/{id}/complete: validated against the task's form. */
export class CompleteTaskRequestDto {
  @ApiProperty({ type: 'object', additionalProperties: true })
  data?: unknown;

  @ApiPropertyOptional({ description: 'The task version the client saw; a stale one answers 409' })
  version?: unknown;
}
