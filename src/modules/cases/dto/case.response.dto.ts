import { ApiProperty } from '@nestjs/swagger';
import { CaseSummary, CaseTimelineEntry, CaseView, CitizenTaskView } from '../cases.types';

const DISPLAY = ['inviata', 'in elaborazione', 'da integrare', 'accettata', 'rifiutata'] as const;

export class ProcedureRefDto {
  @ApiProperty({ example: 'certificato-residenza' })
  key!: string;

  @ApiProperty({ example: 'Certificato di residenza' })
  title!: string;
}

export class CaseProtocolDto {
  @ApiProperty({ description: 'Numero di protocollo, 7 cifre', example: '0000042' })
  number!: string;

  @ApiProperty({ type: 'integer', example: 2026 })
  year!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T09:00:00.000Z' })
  date!: Date | null;
}

export class OutcomeProtocolDto {
  @ApiProperty({ example: '0000057' })
  number!: string;

  @ApiProperty({ type: 'integer', example: 2026 })
  year!: number;
}

export class CaseTimelineEntryDto implements CaseTimelineEntry {
  @ApiProperty({ description: 'citizenStatus of the step', example: 'presa-in-carico' })
  status!: string;

  @ApiProperty({ example: "La domanda è stata presa in carico dall'ufficio anagrafe." })
  message!: string;

  @ApiProperty({ enum: ['citizen', 'operator', 'system'], example: 'system' })
  actorKind!: 'citizen' | 'operator' | 'system';

  @ApiProperty({ type: String, nullable: true, description: "The office that acted (an operator's step), else null", example: 'anagrafe' })
  office!: string | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-03-02T09:00:01.000Z' })
  at!: Date;
}

export class CitizenTaskDto implements CitizenTaskView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Integrazione documenti' })
  name!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'integrazione-documenti' })
  formKey!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2027-01-15', description: 'The day by which the citizen answers: the term of the request (integration, 10-bis notice) that suspended the case; null when the request has none' })
  replyBy!: string | null;
}

export class CaseLegalClockDto {
  @ApiProperty({ format: 'date', example: '2027-01-29' }) deadline!: string;
  @ApiProperty({ example: 42 }) daysLeft!: number;
  @ApiProperty() suspended!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) suspendedSince!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) resumesBy!: string | null;
  @ApiProperty() suspendedDays!: number;
}

class CaseProtocolRefDto {
  @ApiProperty({ example: '0000042' }) number!: string;
  @ApiProperty({ example: 2026 }) year!: number;
}

export class CaseWithdrawalInfoDto {
  @ApiProperty({ type: String, format: 'date-time' }) at!: Date;
  @ApiProperty({ type: CaseProtocolRefDto, nullable: true }) protocol!: CaseProtocolRefDto | null;
}

export class CaseRatingDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) stars!: number;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) ratedAt!: Date;
}

/** A case (pratica) as its citizen, its office or an administrator sees it. */
export class CaseDto implements CaseView {
  @ApiProperty({ format: 'uuid', example: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' })
  id!: string;

  @ApiProperty({ description: 'Codice pratica, with the fiscal code it opens the public status look-up', example: 'SP-7K2QD-9XWRT' })
  code!: string;

  @ApiProperty({ type: ProcedureRefDto })
  procedure!: ProcedureRefDto;

  @ApiProperty({ description: 'Office key (processes/offices.json)', example: 'anagrafe' })
  office!: string;

  @ApiProperty({ description: 'Current citizenStatus', example: 'presa-in-carico' })
  status!: string;

  @ApiProperty({ enum: DISPLAY, description: 'Designers Italia state for the personal area', example: 'in elaborazione' })
  displayStatus!: CaseView['displayStatus'];

  @ApiProperty({ type: String, format: 'date-time', example: '2026-03-02T09:00:00.000Z' })
  submittedAt!: Date;

  @ApiProperty({ type: CaseProtocolDto, nullable: true })
  protocol!: CaseProtocolDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  takenInChargeAt!: Date | null;

  @ApiProperty({ type: 'integer', description: 'Termine del procedimento in giorni (L. 241/1990 art. 2)', example: 30 })
  legalDays!: number;

  @ApiProperty({ format: 'date', example: '2026-04-01' })
  legalDeadline!: string;

  @ApiProperty({ type: String, nullable: true, example: 'accettata' })
  outcome!: string | null;

  @ApiProperty({ type: OutcomeProtocolDto, nullable: true })
  outcomeProtocol!: OutcomeProtocolDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: Date | null;

  @ApiProperty({ type: [CaseTimelineEntryDto] })
  timeline!: CaseTimelineEntryDto[];

  @ApiProperty({ type: [CitizenTaskDto], description: 'Tasks waiting for the citizen (e.g. an integration request)' })
  openCitizenTasks!: CitizenTaskDto[];

  @ApiProperty({ type: CaseLegalClockDto, nullable: true, description: 'The legal term as it stands today (suspensions included)' })
  legalClock!: CaseLegalClockDto | null;

  @ApiProperty({ type: CaseWithdrawalInfoDto, nullable: true, description: 'Set when the applicant withdrew the istanza' })
  withdrawal!: CaseWithdrawalInfoDto | null;

  @ApiProperty({ type: CaseRatingDto, nullable: true, description: "The applicant's rating of the service, once given" })
  rating!: CaseRatingDto | null;
}

/** One line of the citizen's list of cases. */
export class CaseSummaryDto implements CaseSummary {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'SP-7K2QD-9XWRT' })
  code!: string;

  @ApiProperty({ type: ProcedureRefDto })
  procedure!: ProcedureRefDto;

  @ApiProperty({ example: 'inviata' })
  status!: string;

  @ApiProperty({ enum: DISPLAY, example: 'inviata' })
  displayStatus!: CaseView['displayStatus'];

  @ApiProperty({ type: String, format: 'date-time' })
  submittedAt!: Date;

  @ApiProperty({ type: String, nullable: true, example: '0000042' })
  protocolNumber!: string | null;

  @ApiProperty({ format: 'date', example: '2026-04-01' })
  legalDeadline!: string;
}
