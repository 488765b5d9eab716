import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Body of POST /api/v1/cases/{id}/messages and /notes. */
export class PostCaseTextRequestDto {
  @ApiProperty({ example: 'Buongiorno, allego la ricevuta ISEE aggiornata.', maxLength: 4000 })
  body?: unknown;
}

/** Body of POST /api/v1/cases/{id}/withdraw. */
export class WithdrawCaseRequestDto {
  @ApiPropertyOptional({ example: 'Ho trovato posto in un altro nido', maxLength: 1000 })
  reason?: unknown;
}

/** Body of POST /api/v1/cases/{id}/rating. */
export class RateCaseRequestDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 5 })
  stars?: unknown;

  @ApiPropertyOptional({ maxLength: 1000, example: 'Tutto chiaro e veloce' })
  comment?: unknown;
}

export class CaseMessageResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: ['citizen', 'operator'] }) authorKind!: 'citizen' | 'operator';
  @ApiProperty({ description: "The citizen's name, or the office's name for an answer", example: 'Servizi educativi e scolastici' }) authorName!: string;
  @ApiProperty({ example: 'servizi-educativi' }) office!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class CaseMessagePageResponseDto {
  @ApiProperty({ type: [CaseMessageResponseDto], description: 'Newest first' }) items!: CaseMessageResponseDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CaseNoteResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ description: 'Operator user id', example: 'paolo.ricci' }) author!: string;
  @ApiProperty({ example: 'servizi-educativi' }) office!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class CaseNotePageResponseDto {
  @ApiProperty({ type: [CaseNoteResponseDto], description: 'Newest first' }) items!: CaseNoteResponseDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CaseRatingResponseDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) stars!: number;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) ratedAt!: Date;
}

class ProtocolRefDto {
  @ApiProperty({ example: '0000042' }) number!: string;
  @ApiProperty({ example: 2026 }) year!: number;
}

export class CaseWithdrawalResponseDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'ritirata' }) status!: string;
  @ApiProperty({ example: 'rifiutata', description: 'Designers Italia state' }) displayStatus!: string;
  @ApiProperty({ type: String, format: 'date-time' }) withdrawnAt!: Date;
  @ApiProperty({ type: ProtocolRefDto, nullable: true, description: 'The inbound protocol registration of the withdrawal (numbered at commit)' }) protocol!: ProtocolRefDto | null;
}
