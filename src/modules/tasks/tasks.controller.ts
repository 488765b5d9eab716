import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ProblemSpec } from '../../common';
import { apiAuditRecord, AuditService } from '../audit';
import { AUTH_PROBLEMS, CitizenPrincipal, CurrentPrincipal, IdentityForbiddenException, OperatorPrincipal, Roles, ServicePrincipal } from '../identity';
import { AssignTaskRequestDto } from './dto/assign-task.request.dto';
import { ClaimTaskRequestDto } from './dto/claim-task.request.dto';
import { CompleteTaskRequestDto } from './dto/complete-task.request.dto';
import { TaskDetailResponseDto, TaskDto, TaskInboxPageDto } from './dto/task.response.dto';
import { parseInboxQuery } from './inbox-query';
import { TaskInvalidQueryException } from './tasks.exceptions';
import { TASK_MESSAGES as M } from './tasks.messages';
import { TasksService } from './tasks.service';
import { TaskActor, TaskView } from './tasks.types';
import { TaskDetailUseCase, TaskDetailView } from './use-cases/task-detail.use-case';

/** PostgreSQL's int range: a larger version can never match, and must not reach SQL. */
const MAX_VERSION = 2_147_483_647;
const INVALID = { TASK_INVALID_QUERY: M.invalidQuery };
const FOUND: ProblemSpec = { 404: { TASK_NOT_FOUND: M.notFound } };
const CONFLICTS = { TASK_CLAIMED_BY_OTHER: M.claimedByOther('anna.esposito'), TASK_CLOSED: M.closed, TASK_STALE_VERSION: M.stale };
const q = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) =>
  ApiQuery({ name, required: false, description, schema });

@ApiTags('attività')
@ApiBearerAuth()
@Controller('api/v1/tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly detail: TaskDetailUseCase,
    private readonly audit: AuditService,
  ) {}

  /** The office inbox: filters, sort by created or due date, cursor pagination. */
  @Get()
  @Roles('operator', 'service')
  @ApiOperation({
    summary: "Coda dell'ufficio",
    description:
      "Open tasks of the operator's offices (each task once), or with state=completed&completedBy=me|office the completed ones; cursor-paginated: pass `nextCursor` back as `cursor` until it is null.",
  })
  @q('state', 'open tasks, or completed ones', { type: 'string', enum: ['open', 'completed'], default: 'open' })
  @q('completedBy', 'With state=completed: `me` or every completed task of my `office`s', { type: 'string', enum: ['me', 'office'], default: 'office' })
  @q('office', 'Office key (one of yours)', { type: 'string', example: 'anagrafe' })
  @q('procedure', 'Procedure key', { type: 'string', example: 'certificato-residenza' })
  @q('status', 'open = all, claimed = someone has it, unclaimed = nobody has it', { type: 'string', enum: ['open', 'claimed', 'unclaimed'], default: 'open' })
  @q('assignee', '`me` or a user id', { type: 'string', example: 'me' })
  @q('dueBefore', 'Due strictly before this day', { type: 'string', format: 'date', example: '2026-04-01' })
  @q('q', 'Citizen name or exact protocol number', { type: 'string', example: 'Rossi' })
  @q('sort', 'Order (`completed` only with state=completed, its default)', { type: 'string', enum: ['created', 'due', 'completed'], default: 'created' })
  @q('pageSize', 'Items per page', { type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @q('cursor', 'Opaque cursor from `nextCursor`')
  @ApiOkResponse({ type: TaskInboxPageDto })
  @ApiProblems({ 400: INVALID }, AUTH_PROBLEMS)
  inbox(@CurrentPrincipal() p: OperatorPrincipal | ServicePrincipal, @Query() q: Record<string, string>): Promise<{ items: TaskView[]; nextCursor: string | null }> {
    const actor = operator(p);
    return this.tasks.inbox(actor, parseInboxQuery(q, actor.userId));
  }

  @Get(':id')
  @Roles('operator', 'citizen', 'service')
  @ApiOperation({ summary: "Un'attività", description: "The task with its case's data, attachments, timeline and legal clock, and its form at the case's model version." })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: TaskDetailResponseDto })
  @ApiProblems(FOUND, AUTH_PROBLEMS)
  get(@CurrentPrincipal() p: OperatorPrincipal | CitizenPrincipal | ServicePrincipal, @Param('id') id: string, @Ip() ip: string): Promise<TaskDetailView> {
    // The detail carries the case's data: a staff read is audited like a case read.
    if (p.kind !== 'operator') return this.detail.get(id, actorOf(p));
    return this.audit.audited(apiAuditRecord(p, ip, 'task.view', 'task', id), () => this.detail.get(id, actorOf(p)));
  }

  @Post(':id/claim')
  @Roles('operator')
  @HttpCode(200)
  @ApiOperation({ summary: "Prendi in carico un'attività" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: ClaimTaskRequestDto, required: false })
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(FOUND, { 400: INVALID, 409: CONFLICTS }, AUTH_PROBLEMS)
  claim(@CurrentPrincipal() p: OperatorPrincipal, @Param('id') id: string, @Body() body: ClaimTaskRequestDto, @Ip() ip: string): Promise<TaskView> {
    const v = version(body?.version);
    return this.audit.audited(apiAuditRecord(p, ip, 'task.claim', 'task', id), () => this.tasks.claim(id, operator(p), v));
  }

  @Post(':id/unclaim')
  @Roles('operator')
  @HttpCode(200)
  @ApiOperation({ summary: "Rilascia un'attività", description: 'Your own claim; an office head releases anybody\'s.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(FOUND, { 400: INVALID, 409: CONFLICTS }, AUTH_PROBLEMS)
  unclaim(@CurrentPrincipal() p: OperatorPrincipal, @Param('id') id: string, @Ip() ip: string): Promise<TaskView> {
    return this.audit.audited(apiAuditRecord(p, ip, 'task.unclaim', 'task', id), () => this.tasks.unclaim(id, operator(p)));
  }

  @Post(':id/assign')
  @Roles('operator')
  @HttpCode(200)
  @ApiOperation({ summary: "Assegna un'attività", description: 'Office heads only, to an operator of the task\'s office.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(FOUND, { 400: INVALID, 403: { TASK_NOT_OFFICE_HEAD: M.notHead }, 409: { TASK_CLOSED: M.closed } }, AUTH_PROBLEMS)
  assign(@CurrentPrincipal() p: OperatorPrincipal, @Param('id') id: string, @Body() body: AssignTaskRequestDto, @Ip() ip: string): Promise<TaskView> {
    return this.audit.audited(apiAuditRecord(p, ip, 'task.assign', 'task', id), () => this.tasks.assign(id, operator(p), body?.operator));
  }

  @Post(':id/complete')
  @Roles('operator', 'citizen', 'service')
  @HttpCode(200)
  @ApiOperation({ summary: "Completa un'attività", description: "Data validated against the task's form; an operator claims the task on completion." })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(
    FOUND,
    { 400: INVALID, 404: { CATALOGUE_FORM_NOT_FOUND: 'Modulo non trovato nel catalogo' }, 409: CONFLICTS, 422: { FORMS_INVALID_SUBMISSION: 'I dati inviati non sono validi' } },
    AUTH_PROBLEMS,
  )
  complete(
    @CurrentPrincipal() p: OperatorPrincipal | CitizenPrincipal | ServicePrincipal,
    @Param('id') id: string,
    @Body() body: CompleteTaskRequestDto,
    @Ip() ip: string,
  ): Promise<TaskView> {
    const v = version(body?.version);
    return this.audit.audited(apiAuditRecord(p, ip, 'task.complete', 'task', id), () => this.tasks.complete(id, actorOf(p), body?.data ?? {}, v));
  }
}

/** An operator, or a service account with tasks:complete acting as a member (never head) of its offices. */
function operator(p: OperatorPrincipal | ServicePrincipal): Extract<TaskActor, { kind: 'operator' }> {
  if (p.kind === 'operator') return { kind: 'operator', userId: p.userId, offices: p.offices, headOf: p.headOf };
  if (!p.scopes.includes('tasks:complete')) throw new IdentityForbiddenException();
  return { kind: 'operator', userId: `service:${p.name}`, offices: p.offices, headOf: [] };
}

const actorOf = (p: OperatorPrincipal | CitizenPrincipal | ServicePrincipal): TaskActor =>
  p.kind === 'citizen' ? { kind: 'citizen', fiscalCode: p.fiscalCode } : operator(p);

function version(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > MAX_VERSION) throw new TaskInvalidQueryException('version', M.version);
  return v;
}
