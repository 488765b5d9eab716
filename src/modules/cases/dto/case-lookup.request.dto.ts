import { ApiProperty } from '@nestjs/swagger';

/** Body of POST /api/v1/cases/status: the case code and the applicant's fiscal code. */
export class CaseLookupRequestDto {
  @ApiProperty({ type: String, example: 'SP-7K2QD-9XWRT' })
  code?: unknown;

  @ApiProperty({ type: String, example: 'RSSMRA80A01H501U' })
  fiscalCode?: unknown;
}
