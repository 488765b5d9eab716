import { ApiProperty } from '@nestjs/swagger';
import { EVENT_TYPES, EventData, EventPage, EventType, IntegrationEvent } from '../integration.types';

export class EventDto implements IntegrationEvent {
  @ApiProperty({ format: 'uuid', description: 'Stable id: de-duplicate on it', example: '0b6f8f9e-7c1d-4c55-9a0e-2f1d3c4b5a69' })
  id!: string;

  @ApiProperty({ type: 'integer', description: 'Position in commit order (gapless); informative, page with `next`', example: 128 })
  seq!: number;

  @ApiProperty({ enum: EVENT_TYPES, example: 'case.status-changed' })
  type!: EventType;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  caseId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'For task.* events' })
  taskId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'certificato-residenza' })
  procedureKey!: string | null;

  @ApiProperty({ type: [String], description: 'Offices concerned (queues for task events)', example: ['anagrafe'] })
  offices!: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true },
    description: 'Minimal data: `status` for case events, `elementId` and `taskName` for task events; never personal data',
    example: { status: 'presa-in-carico' },
  })
  data!: EventData;

  @ApiProperty({ type: String, format: 'date-time' })
  occurredAt!: Date;
}

export class EventPageDto implements EventPage {
  @ApiProperty({ type: [EventDto] })
  items!: EventDto[];

  @ApiProperty({
    description: 'Opaque cursor after the last item: pass it as `after` next time (unchanged when there was nothing new). Store it once processed.',
    example: 'ZTEuMTI4',
  })
  next!: string;
}
