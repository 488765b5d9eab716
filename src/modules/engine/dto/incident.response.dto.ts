import { ApiProperty } from '@nestjs/swagger';
import { EngineIncident, EngineInstance, EngineItem, OperationResult } from '../engine.types';

const ITEM_STATUSES = ['enter', 'start', 'wait', 'end', 'terminated', 'discard'] as const;
const date = (nullable = true) => ApiProperty({ type: String, format: 'date-time', nullable });
const text = (example?: string) => ApiProperty({ type: String, nullable: true, example });

export class EngineIncidentDto implements EngineIncident {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  instanceId!: string;

  @text()
  itemId!: string | null;

  @text('Task_Protocollo')
  elementId!: string | null;

  @ApiProperty({ example: 'service-task' })
  operation!: string;

  @text('PROTOCOL_UNAVAILABLE')
  errorCode!: string | null;

  @ApiProperty({ example: 'Registro di protocollo non raggiungibile' })
  errorMessage!: string;

  @ApiProperty({ type: 'integer', example: 3 })
  attempts!: number;

  @ApiProperty({ enum: ['open', 'retrying', 'resolved', 'cancelled'], example: 'open' })
  status!: EngineIncident['status'];

  @date()
  nextRetryAt!: Date | null;

  @date(false)
  createdAt!: Date;

  @date(false)
  updatedAt!: Date;
}

export class EngineItemDto implements EngineItem {
  @ApiProperty() id!: string;
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty({ example: 'Task_Istruttoria' }) elementId!: string;
  @ApiProperty({ example: 'bpmn:UserTask' }) elementType!: string;
  @text() name!: string | null;
  @ApiProperty({ enum: ITEM_STATUSES }) status!: EngineItem['status'];
  @text() assignee!: string | null;
  @ApiProperty({ type: [String] }) candidateGroups!: string[];
  @ApiProperty({ type: [String] }) candidateUsers!: string[];
  @date() dueDate!: Date | null;
  @date() timeDue!: Date | null;
  @text() messageId!: string | null;
  @text() signalId!: string | null;
  @text() itemKey!: string | null;
  @date() startedAt!: Date | null;
  @date() endedAt!: Date | null;
}

export class EngineInstanceDto implements EngineInstance {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'certificato-residenza' }) processKey!: string;
  @ApiProperty() modelVersionId!: string;
  @ApiProperty({ enum: ['running', 'end', 'terminated'] }) status!: EngineInstance['status'];
  @ApiProperty({ type: 'integer' }) version!: number;
  @text() parentItemId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @date() startedAt!: Date | null;
  @date() endedAt!: Date | null;
  @ApiProperty({ type: [EngineItemDto] }) items!: EngineItemDto[];
}

export class OperationResultDto implements OperationResult {
  @ApiProperty({ type: EngineInstanceDto }) instance!: EngineInstanceDto;
  @ApiProperty({ type: EngineIncidentDto, nullable: true }) incident!: EngineIncidentDto | null;
}
