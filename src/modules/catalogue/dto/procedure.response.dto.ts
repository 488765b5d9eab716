import { ApiProperty, OmitType } from '@nestjs/swagger';
import { FormVersion, Office, ProcedureDetail, ProcedureSummary, TaskForm } from '../catalogue.types';

export class ProcedureSummaryDto implements ProcedureSummary {
  @ApiProperty({ example: 'certificato-residenza' })
  key!: string;

  @ApiProperty({ example: 'Certificato di residenza' })
  title!: string;

  @ApiProperty({ example: 'anagrafe' })
  office!: string;

  @ApiProperty({ example: 'anagrafe-e-stato-civile' })
  category!: string;

  @ApiProperty({ example: 'D.P.R. 223/1989, art. 33' })
  legalBasis!: string;

  @ApiProperty({ type: 'integer', example: 30 })
  legalDays!: number;

  @ApiProperty({ enum: ['1', '2', '3', 'none'], example: '2' })
  spidLevel!: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Diritti in centesimi di euro', example: 1600 })
  feeCents!: number | null;

  @ApiProperty({ type: [String], example: ['cambio-residenza'] })
  lifeEvents!: string[];

  @ApiProperty({ type: 'integer', example: 1 })
  version!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}

export class OfficeDto implements Office {
  @ApiProperty({ example: 'anagrafe' })
  key!: string;

  @ApiProperty({ example: 'Ufficio anagrafe' })
  name!: string;

  @ApiProperty({ example: 'anagrafe@comune.example.it' })
  email!: string;
}

export class ProcedureVersionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer', example: 1 })
  number!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  deployedAt!: Date;
}

export class FormVersionDto implements FormVersion {
  @ApiProperty({ example: 'richiesta-certificato-residenza' })
  key!: string;

  @ApiProperty({ type: 'integer', example: 1 })
  version!: number;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'form-js schema' })
  schema!: Record<string, unknown>;
}

export class TaskFormDto implements TaskForm {
  @ApiProperty({ example: 'Task_Istruttoria' })
  taskId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Istruttoria della domanda' })
  taskName!: string | null;

  @ApiProperty({ example: 'istruttoria-certificato-residenza' })
  formKey!: string;

  @ApiProperty({ type: [String], example: ['anagrafe'] })
  candidateGroups!: string[];
}

/** The summary's fields, with the office in full and the version and forms in force. */
export class ProcedureDetailDto extends OmitType(ProcedureSummaryDto, ['office', 'version'] as const) implements ProcedureDetail {
  @ApiProperty({ type: OfficeDto })
  office!: OfficeDto;

  @ApiProperty({ type: ProcedureVersionDto })
  currentVersion!: ProcedureVersionDto;

  @ApiProperty({ type: FormVersionDto })
  startForm!: FormVersionDto;

  @ApiProperty({ type: [TaskFormDto] })
  taskForms!: TaskFormDto[];
}
