import { ApiProperty } from '@nestjs/swagger';

/** Body of POST /api/v1/cases: validated by the service against the procedure's start form. */
export class SubmitCaseRequestDto {
  @ApiProperty({ example: 'certificato-residenza', description: 'Procedure key from the catalogue' })
  procedureKey?: unknown;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The start form data (form-js keys); unknown fields are dropped' })
  data?: unknown;
}
