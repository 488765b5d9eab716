import { ApiProperty } from '@nestjs/swagger';

export class FormVersionResponseDto {
  @ApiProperty({ example: 'valutazione-iscrizione-nido' }) key!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The form-js schema' }) schema!: Record<string, unknown>;
}
