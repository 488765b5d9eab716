import { ApiProperty } from '@nestjs/swagger';

/** One row of the audit trail. */
export class AuditEntryResponseDto {
  @ApiProperty({ example: 42 }) seq!: number;
  @ApiProperty({ example: '2026-11-30T09:15:00.000Z' }) occurredAt!: string;
  @ApiProperty({ example: 'operator' }) actorKind!: string;
  @ApiProperty({ example: 'luca.romano' }) actorSubject!: string;
  @ApiProperty({ example: 'case.view' }) action!: string;
  @ApiProperty({ example: 'case' }) resourceType!: string;
  @ApiProperty({ example: '0b6f1c1e-8d7a-4c55-9a43-7c3f0e2b9d10' }) resourceId!: string;
  @ApiProperty({ enum: ['web', 'desk', 'api', 'system'] }) channel!: string;
  @ApiProperty({ nullable: true, type: String, example: '203.0.113.7' }) address!: string | null;
  @ApiProperty({ description: 'SHA-256 (hex) of the previous row' }) prevHash!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of this row chained to the previous one' }) hash!: string;
}

/** A page of audit rows, newest first. */
export class AuditPageResponseDto {
  @ApiProperty({ type: [AuditEntryResponseDto] }) items!: AuditEntryResponseDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
