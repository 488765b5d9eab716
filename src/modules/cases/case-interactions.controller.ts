import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Page, parsePageRequest, ProblemResponseDto } from '../../common';
import { CitizenPrincipal, CurrentPrincipal, OperatorPrincipal, Roles } from '../identity';
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

const NOT_FOUND = { type: ProblemResponseDto, description: 'No such case, or not yours / not of your offices (CASE_NOT_FOUND)' };
const INVALID = { type: ProblemResponseDto, description: 'A field is missing or invalid (CASE_INVALID_REQUEST, with field errors)' };

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
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiBadRequestResponse({ type: ProblemResponseDto, description: 'Bad page or pageSize (COMMON_BAD_PAGINATION)' })
  listMessages(@CurrentPrincipal() p: CitizenPrincipal | OperatorPrincipal, @Param('id') id: string, @Query() q: Record<string, string>): Promise<Page<CaseMessageView>> {
    return this.messages.list(id, actorOf(p), parsePageRequest(q));
  }

  @Post('messages')
  @Roles('citizen', 'operator')
  @ApiOperation({ summary: "The applicant writes to the office, or an operator of the case's office answers; e-mailed to the other party" })
  @ApiCreatedResponse({ type: CaseMessageResponseDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiBadRequestResponse(INVALID)
  postMessage(@CurrentPrincipal() p: CitizenPrincipal | OperatorPrincipal, @Param('id') id: string, @Body() body: PostCaseTextRequestDto): Promise<CaseMessageView> {
    return this.messages.post(id, actorOf(p), body?.body);
  }

  @Get('notes')
  @Roles('operator')
  @ApiOperation({ summary: "Internal notes of the case's office (never shown to the citizen), newest first" })
  @ApiOkResponse({ type: CaseNotePageResponseDto })
  @ApiNotFoundResponse(NOT_FOUND)
  listNotes(@CurrentPrincipal() p: OperatorPrincipal, @Param('id') id: string, @Query() q: Record<string, string>): Promise<Page<CaseNoteView>> {
    return this.notes.list(id, operatorOf(p), parsePageRequest(q));
  }

  @Post('notes')
  @Roles('operator')
  @ApiOperation({ summary: 'Adds an internal note' })
  @ApiCreatedResponse({ type: CaseNoteResponseDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiBadRequestResponse(INVALID)
  addNote(@CurrentPrincipal() p: OperatorPrincipal, @Param('id') id: string, @Body() body: PostCaseTextRequestDto): Promise<CaseNoteView> {
    return this.notes.add(id, operatorOf(p), body?.body);
  }

  @Post('withdraw')
  @Roles('citizen')
  @HttpCode(200)
  @ApiOperation({ summary: 'The applicant withdraws the istanza while no outcome exists: registered in the protocol, the procedure ends' })
  @ApiOkResponse({ type: CaseWithdrawalResponseDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiBadRequestResponse(INVALID)
  @ApiConflictResponse({ type: ProblemResponseDto, description: 'An outcome exists, or the case is closed or already withdrawn (CASE_NOT_WITHDRAWABLE)' })
  withdraw(@CurrentPrincipal() p: CitizenPrincipal, @Param('id') id: string, @Body() body: WithdrawCaseRequestDto): Promise<CaseWithdrawal> {
    return this.withdrawal.withdraw(id, citizenOf(p), body?.reason);
  }

  @Post('rating')
  @Roles('citizen')
  @ApiOperation({ summary: 'The applicant rates the service 1–5 stars once the case is closed (once per case)' })
  @ApiCreatedResponse({ type: CaseRatingResponseDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiBadRequestResponse(INVALID)
  @ApiConflictResponse({ type: ProblemResponseDto, description: 'The case is not closed (CASE_NOT_CLOSED) or already rated (CASE_ALREADY_RATED)' })
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
