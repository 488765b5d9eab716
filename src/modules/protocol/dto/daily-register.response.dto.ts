import { ApiProperty } from '@nestjs/swagger';

/** The canonical JSON of a registro giornaliero (daily-register.renderer.ts), as sent to conservation. */
export class DailyRegisterDocumentDto {
  @ApiProperty({ format: 'date', example: '2026-03-02' })
  date!: string;

  @ApiProperty({ description: 'Area organizzativa omogenea', example: 'c_a000' })
  aoo!: string;

  @ApiProperty({ example: 'Registro generale' })
  register!: string;

  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Entries registered that day (number, direction, correspondent, subject, documents with SHA-256)' })
  entries!: Array<Record<string, unknown>>;

  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Annulments made that day' })
  annulments!: Array<Record<string, unknown>>;
}
