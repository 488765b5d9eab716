import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TaskView } from '../tasks.types';

export class TaskProcedureDto {
  @ApiProperty({ example: 'certificato-residenza' })
  key!: string;

  @ApiProperty({ example: 'Certificato di residenza' })
  title!: string;
}

/** A user task in an office queue (or addressed to the citizen). */
export class TaskDto implements TaskView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ description: 'Office key, or `citizen` for tasks addressed to the applicant', example: 'anagrafe' })
  office!: string;

  @ApiProperty({ description: 'BPMN element id', example: 'Task_Istruttoria' })
  elementId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Istruttoria della domanda' })
  name!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'istruttoria-certificato-residenza' })
  formKey!: string | null;

  @ApiProperty({ enum: ['open', 'completed', 'cancelled'], example: 'open' })
  status!: TaskView['status'];

  @ApiProperty({ type: String, nullable: true, example: 'luca.romano' })
  assignee!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  claimedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: Date | null;

  @ApiProperty({ type: String, nullable: true, example: 'operator:paolo.ricci' })
  completedBy!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-04-01', description: "The case's current legal deadline" })
  dueAt!: string | null;

  @ApiProperty({ type: TaskProcedureDto })
  procedure!: TaskProcedureDto;

  @ApiProperty({ example: 'Mario Rossi' })
  citizenName!: string;

  @ApiProperty({ type: String, nullable: true, example: '0000042' })
  protocolNumber!: string | null;

  @ApiProperty({ type: 'integer', description: 'Optimistic-concurrency version: send it back with claim/complete', example: 1 })
  version!: number;
}

/** A page of the office inbox (cursor pagination). */
export class TaskInboxPageDto {
  @ApiProperty({ type: [TaskDto] })
  items!: TaskDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Opaque: pass it as `cursor` for the next page; null on the last page',
    example: 'eyJrIjoiMjAyNi0wMy0wMlQwOTowMDowMC4wMDBaIiwiaWQiOiIxYjlkIn0',
  })
  nextCursor!: string | null;
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
  @ApiProperty({ type: TaskProcedureDto }) procedure!: TaskProcedureDto;
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

export class TaskDetailResponseDto extends TaskDto {
  @ApiProperty({ type: TaskCaseDto, description: 'The case (also protocol, outcome, open citizen tasks: see CaseView)' }) case!: TaskCaseDto;
  @ApiProperty({ type: TaskFormDto, nullable: true }) form!: TaskFormDto | null;
}
