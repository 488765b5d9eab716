import { ApiPropertyOptional } from '@nestjs/swagger';

/** Body of POST /api/v1/tasks/{id}/claim. */
export class ClaimTaskRequestDto {
  @ApiPropertyOptional({ type: 'integer', description: 'The task version the client saw; a stale one answers 409', example: 1 })
  version?: unknown;
}
