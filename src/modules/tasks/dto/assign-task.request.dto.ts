import { ApiProperty } from '@nestjs/swagger';

/** Body of POST /api/v1/tasks/{id}/assign (office heads only). */
export class AssignTaskRequestDto {
  @ApiProperty({ example: 'luca.romano' })
  operator?: unknown;
}
