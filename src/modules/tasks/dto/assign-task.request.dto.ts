import { ApiProperty } from '@nestjs/swagger';

/** Body of POST /api/v1/tasks/{id}/assign (office heads only). */
export class AssignTaskRequestDto {
  @ApiProperty({ type: String, description: 'User id of an operator of the office', example: 'luca.romano' })
  operator?: unknown;
}
