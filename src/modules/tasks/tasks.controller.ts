import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ProblemSpec } from '../../common';
import { apiAuditRecord, AuditService } from '../audit';
import { AUTH_PROBLEMS, CitizenPrincipal, CurrentPrincipal, IdentityForbiddenException, OperatorPrincipal, Roles, ServicePrincipal } from '../identity';
import { AssignTaskRequestDto } from './dto/assign-task.request.dto';
import { ClaimTaskRequestDto } from './dto/claim-task.request.dto';
import { CompleteTaskRequestDto } from './dto/complete-task.request.dto';
import { TaskDetailResponseDto, TaskDto, TaskInboxPageDto } from './dto/task.response.dto';
import { TaskInvalidQueryException } from './tasks.exceptions';
import { TASK_MESSAGES as M } from './tasks.messages';
import { TasksService } from './tasks.service';
import { InboxQuery, TaskActor, TaskView } from './tasks.types';
import { TaskDetailUseCase, TaskDetailView } from './use-cases/task-detail.use-case';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const TASK_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
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
    return this.tasks.inbox(actor, parseInbox(q, actor.userId));
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

function parseInbox(q: Record<string, string>, me: string): Omit<InboxQuery, 'offices'> {
  const state = q.state ?? 'open';
  if (state !== 'open' && state !== 'completed') throw new TaskInvalidQueryException('state', M.state);
  if (q.completedBy !== undefined && (state !== 'completed' || (q.completedBy !== 'me' && q.completedBy !== 'office'))) {
    throw new TaskInvalidQueryException('completedBy', M.completedBy);
  }
  const sort = q.sort ?? (state === 'completed' ? 'completed' : 'created');
  if (sort !== 'created' && sort !== 'due' && (sort !== 'completed' || state !== 'completed')) throw new TaskInvalidQueryException('sort', M.sort);
  const status = q.status ?? 'open';
  if (status !== 'open' && status !== 'claimed' && status !== 'unclaimed') throw new TaskInvalidQueryException('status', M.status);
  if (q.dueBefore && !isCalendarDate(q.dueBefore)) throw new TaskInvalidQueryException('dueBefore', M.date);
  const limit = q.pageSize === undefined ? 20 : Number(q.pageSize);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new TaskInvalidQueryException('pageSize', M.limit);
  let cursor: InboxQuery['cursor'];
  if (q.cursor) {
    try {
      const parsed = JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')) as { k?: unknown; id?: unknown };
      if (typeof parsed.id !== 'string' || !TASK_ID.test(parsed.id)) throw new Error('shape');
      const k = parsed.k;
      const validKey = k === null ? sort === 'due' : typeof k === 'string' && (sort === 'due' ? isCalendarDate(k) : isTimestamp(k));
      if (!validKey) throw new Error('key');
      cursor = { k: parsed.k as string | null, id: parsed.id };
    } catch {
      throw new TaskInvalidQueryException('cursor', M.cursor);
    }
  }
  return {
    state,
    completedBy: q.completedBy === 'me' ? `operator:${me}` : undefined,
    office: q.office || undefined,
    procedure: q.procedure || undefined,
    status,
    assignee: q.assignee === 'me' ? me : q.assignee || undefined,
    dueBefore: q.dueBefore || undefined,
    text: q.q?.trim() || undefined,
    sort,
    limit,
    cursor,
  };
}

/** YYYY-MM-DD naming a day that exists (2026-02-30 does not). */
function isCalendarDate(v: string): boolean {
  if (!DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** An ISO instant as the cursor writes it (toISOString), naming an instant that exists. */
function isTimestamp(v: string): boolean {
  if (!TIMESTAMP.test(v)) return false;
  const d = new Date(v);
  return !Number.isNaN(d.getTime()) && isCalendarDate(v.slice(0, 10));
}
