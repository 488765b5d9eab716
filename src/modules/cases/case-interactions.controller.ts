import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiPageQuery, ApiProblems, Page, parsePageRequest } from '../../common';
import { AUTH_PROBLEMS, CitizenPrincipal, CurrentPrincipal, OperatorPrincipal, Roles } from '../identity';
import { CASE_MESSAGES as M } from './cases.messages';
import {
  CaseMessagePageResponseDto,
  CaseMessageResponseDto,
  CaseNotePageResponseDto,
  CaseNoteResponseDto,
  CaseRatingResponseDto,
  CaseWithdrawalResponseDto,
  PostCaseTextRequestDto,
  RateCaseRequestDto,
  WithdrawCaseRequestDto,
} from './dto/case-interactions.dto';
import { CaseRatingView } from './cases.types';
import { CaseActor } from './use-cases/case-actor';
import { CaseMessageView, CaseNoteView } from './use-cases/case-interactions.repository';
import { CaseMessagesUseCase } from './use-cases/case-messages.use-case';
import { CaseNotesUseCase } from './use-cases/case-notes.use-case';
import { RateCaseUseCase } from './use-cases/rate-case.use-case';
import { CaseWithdrawal, WithdrawCaseUseCase } from './use-cases/withdraw-case.use-case';

const NOT_FOUND = { CASE_NOT_FOUND: M.notFound };
const INVALID = { CASE_INVALID_REQUEST: M.invalidRequest, REQUEST_ENTITY_PARSE_FAILED: 'Il contenuto inviato non è un JSON valido' };
const PAGING = { COMMON_BAD_PAGINATION: 'Parametri di paginazione non validi' };

/** Messages, internal notes, withdrawal and rating of a case (portal and console). */
@ApiTags('pratiche')
@ApiBearerAuth()
@Controller('api/v1/cases/:id')
export class CaseInteractionsController {
  constructor(
    private readonly messages: CaseMessagesUseCase,
    private readonly notes: CaseNotesUseCase,
    private readonly withdrawal: WithdrawCaseUseCase,
    private readonly rating: RateCaseUseCase,
  ) {}

  @Get('messages')
  @Roles('citizen', 'operator')
  @ApiOperation({ summary: "The case's messages between the applicant and the office, newest first" })
  @ApiOkResponse({ type: CaseMessagePageResponseDto })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiPageQuery()
  @ApiProblems({ 400: { ...INVALID, ...PAGING }, 404: NOT_FOUND }, AUTH_PROBLEMS)
  listMessages(@CurrentPrincipal() p: CitizenPrincipal | OperatorPrincipal, @Param('id') id: string, @Query() q: Record<string, string>): Promise<Page<CaseMessageView>> {
    return this.messages.list(id, actorOf(p), parsePageRequest(q));
  }

  @Post('messages')
  @Roles('citizen', 'operator')
  @ApiOperation({ summary: "The applicant writes to the office, or an operator of the case's office answers; e-mailed to the other party" })
  @ApiCreatedResponse({ type: CaseMessageResponseDto })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProblems({ 400: INVALID, 404: NOT_FOUND }, AUTH_PROBLEMS)
  postMessage(@CurrentPrincipal() p: CitizenPrincipal | OperatorPrincipal, @Param('id') id: string, @Body() body: PostCaseTextRequestDto): Promise<CaseMessageView> {
    return this.messages.post(id, actorOf(p), body?.body);
  }

  @Get('notes')
  @Roles('operator')
  @ApiOperation({ summary: "Internal notes of the case's office (never shown to the citizen), newest first" })
  @ApiOkResponse({ type: CaseNotePageResponseDto })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiPageQuery()
  @ApiProblems({ 400: { ...INVALID, ...PAGING }, 404: NOT_FOUND }, AUTH_PROBLEMS)
  listNotes(@CurrentPrincipal() p: OperatorPrincipal, @Param('id') id: string, @Query() q: Record<string, string>): Promise<Page<CaseNoteView>> {
    return this.notes.list(id, operatorOf(p), parsePageRequest(q));
  }

  @Post('notes')
  @Roles('operator')
  @ApiOperation({ summary: 'Adds an internal note' })
  @ApiCreatedResponse({ type: CaseNoteResponseDto })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProblems({ 400: INVALID, 404: NOT_FOUND }, AUTH_PROBLEMS)
  addNote(@CurrentPrincipal() p: OperatorPrincipal, @Param('id') id: string, @Body() body: PostCaseTextRequestDto): Promise<CaseNoteView> {
    return this.notes.add(id, operatorOf(p), body?.body);
  }

  @Post('withdraw')
  @Roles('citizen')
  @HttpCode(200)
  @ApiOperation({ summary: 'The applicant withdraws the istanza while no outcome exists: registered in the protocol, the procedure ends' })
  @ApiOkResponse({ type: CaseWithdrawalResponseDto })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProblems({ 400: INVALID, 404: NOT_FOUND, 409: { CASE_NOT_WITHDRAWABLE: M.notWithdrawable.outcome } }, AUTH_PROBLEMS)
  withdraw(@CurrentPrincipal() p: CitizenPrincipal, @Param('id') id: string, @Body() body: WithdrawCaseRequestDto): Promise<CaseWithdrawal> {
    return this.withdrawal.withdraw(id, citizenOf(p), body?.reason);
  }

  @Post('rating')
  @Roles('citizen')
  @ApiOperation({ summary: 'The applicant rates the service 1–5 stars once the case is closed (once per case)' })
  @ApiCreatedResponse({ type: CaseRatingResponseDto })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProblems({ 400: INVALID, 404: NOT_FOUND, 409: { CASE_NOT_CLOSED: M.notClosed, CASE_ALREADY_RATED: M.alreadyRated } }, AUTH_PROBLEMS)
  rate(@CurrentPrincipal() p: CitizenPrincipal, @Param('id') id: string, @Body() body: RateCaseRequestDto): Promise<CaseRatingView> {
    return this.rating.rate(id, citizenOf(p), { stars: body?.stars, comment: body?.comment });
  }
}

const citizenOf = (p: CitizenPrincipal): Extract<CaseActor, { kind: 'citizen' }> => ({
  kind: 'citizen',
  fiscalCode: p.fiscalCode,
  name: `${p.givenName} ${p.familyName}`.trim(),
  ...(p.email ? { email: p.email } : {}),
});
const operatorOf = (p: OperatorPrincipal): Extract<CaseActor, { kind: 'operator' }> => ({ kind: 'operator', userId: p.userId, offices: p.offices });
const actorOf = (p: CitizenPrincipal | OperatorPrincipal): CaseActor => (p.kind === 'citizen' ? citizenOf(p) : operatorOf(p));
