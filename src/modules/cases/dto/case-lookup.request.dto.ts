import { ApiProperty } from '@nestjs/swagger';

/** Body of POST /api/v1/cases/status: the case code and the applicant's fiscal code. */
export class CaseLookupRequestDto {
  @ApiProperty({ example: 'SP-7K2QD-9XWRT' })
  code?: unknown;

  @ApiProperty({ example: 'RSSMRA80A01H501U' })
  fiscalCode?: unknown;
}
