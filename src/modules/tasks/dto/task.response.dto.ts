import { ApiProperty } from '@nestjs/swagger';
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

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-04-01' })
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
