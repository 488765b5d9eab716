import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class ProcedureRefDto {
  @ApiProperty({ example: 'iscrizione-nido' }) key!: string;
  @ApiProperty({ example: "Iscrizione al nido d'infanzia" }) title!: string;
}

export class TaskResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'servizi-educativi' }) office!: string;
  @ApiProperty({ example: 'Task_Valutazione' }) elementId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) formKey!: string | null;
  @ApiProperty({ enum: ['open', 'completed', 'cancelled'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) assignee!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) claimedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true, example: 'operator:paolo.ricci' }) completedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2027-01-29', description: "The case's current legal deadline" }) dueAt!: string | null;
  @ApiProperty({ type: ProcedureRefDto }) procedure!: ProcedureRefDto;
  @ApiProperty() citizenName!: string;
  @ApiProperty({ type: String, nullable: true }) protocolNumber!: string | null;
  @ApiProperty() version!: number;
}

export class TaskPageResponseDto {
  @ApiProperty({ type: [TaskResponseDto] }) items!: TaskResponseDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last one' }) nextCursor!: string | null;
}

class AttachmentRefDto {
  @ApiProperty({ example: 'allegati.isee' }) field!: string;
  @ApiProperty({ type: [String] }) ids!: string[];
}

class TimelineEntryDto {
  @ApiProperty({ example: 'presa-in-carico' }) status!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ enum: ['citizen', 'operator', 'system'] }) actorKind!: string;
  @ApiProperty({ type: String, nullable: true, example: 'servizi-educativi' }) office!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at!: Date;
}

class LegalClockDto {
  @ApiProperty({ example: '2027-01-29' }) deadline!: string;
  @ApiProperty({ example: 42 }) daysLeft!: number;
  @ApiProperty() suspended!: boolean;
  @ApiProperty({ type: String, nullable: true }) suspendedSince!: string | null;
  @ApiProperty({ type: String, nullable: true }) resumesBy!: string | null;
  @ApiProperty() suspendedDays!: number;
}

class TaskCaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SP-7K3QZ-M4X9P' }) code!: string;
  @ApiProperty({ type: ProcedureRefDto }) procedure!: ProcedureRefDto;
  @ApiProperty() office!: string;
  @ApiProperty({ example: 'presa-in-carico' }) status!: string;
  @ApiProperty({ example: 'in elaborazione' }) displayStatus!: string;
  @ApiProperty({ type: String, format: 'date-time' }) submittedAt!: Date;
  @ApiProperty({ example: '2027-01-29' }) legalDeadline!: string;
  @ApiPropertyOptional({ type: LegalClockDto, nullable: true }) legalClock!: LegalClockDto | null;
  @ApiProperty({ type: [TimelineEntryDto] }) timeline!: TimelineEntryDto[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The submitted data, as validated' }) data!: Record<string, unknown>;
  @ApiProperty({ type: [AttachmentRefDto] }) attachments!: AttachmentRefDto[];
}

class TaskFormDto {
  @ApiProperty() key!: string;
  @ApiProperty({ description: "The version deployed with the case's model version" }) version!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) schema!: Record<string, unknown>;
}

export class TaskDetailResponseDto extends TaskResponseDto {
  @ApiProperty({ type: TaskCaseDto, description: 'The case (also protocol, outcome, open citizen tasks: see CaseView)' }) case!: TaskCaseDto;
  @ApiProperty({ type: TaskFormDto, nullable: true }) form!: TaskFormDto | null;
}
