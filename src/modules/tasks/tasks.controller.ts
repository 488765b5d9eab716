import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemResponseDto } from '../../common';
import { CitizenPrincipal, CurrentPrincipal, OperatorPrincipal, Roles } from '../identity';
import { AssignTaskRequestDto } from './dto/assign-task.request.dto';
import { ClaimTaskRequestDto } from './dto/claim-task.request.dto';
import { CompleteTaskRequestDto } from './dto/complete-task.request.dto';
import { TaskInvalidQueryException } from './tasks.exceptions';
import { TASK_MESSAGES as M } from './tasks.messages';
import { TasksService } from './tasks.service';
import { InboxQuery, TaskActor, TaskView } from './tasks.types';
import { TaskDetailResponseDto, TaskPageResponseDto } from './dto/task.response.dto';
import { TaskDetailUseCase, TaskDetailView } from './use-cases/task-detail.use-case';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@ApiTags('attività')
@ApiBearerAuth()
@Controller('api/v1/tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly detail: TaskDetailUseCase,
  ) {}

  /** The office inbox: filters, sort by created or due date, cursor pagination. */
  @Get()
  @Roles('operator')
  @ApiOperation({
    summary: "The operator's offices' open tasks (each task once), or with state=completed&completedBy=me|office the completed ones",
    description: 'Filters: office, procedure, status (open|claimed|unclaimed), assignee (me or a user id), dueBefore, q (text or protocol number); sort created|due|completed; pageSize, cursor.',
  })
  @ApiOkResponse({ type: TaskPageResponseDto })
  @ApiBadRequestResponse({ type: ProblemResponseDto, description: 'A filter is invalid (TASK_INVALID_QUERY, naming the field)' })
  inbox(@CurrentPrincipal() p: OperatorPrincipal, @Query() q: Record<string, string>): Promise<{ items: TaskView[]; nextCursor: string | null }> {
    return this.tasks.inbox(operator(p), parseInbox(q, p.userId));
  }

  @Get(':id')
  @Roles('operator', 'citizen')
  @ApiOperation({ summary: "A task with its case's data, attachments, timeline and legal clock, and its form at the case's model version" })
  @ApiOkResponse({ type: TaskDetailResponseDto })
  @ApiNotFoundResponse({ type: ProblemResponseDto, description: 'No such task (TASK_NOT_FOUND)' })
  get(@CurrentPrincipal() p: OperatorPrincipal | CitizenPrincipal, @Param('id') id: string): Promise<TaskDetailView> {
    return this.detail.get(id, actorOf(p));
  }

  @Post(':id/claim')
  @Roles('operator')
  @HttpCode(200)
  claim(@CurrentPrincipal() p: OperatorPrincipal, @Param('id') id: string, @Body() body: ClaimTaskRequestDto): Promise<TaskView> {
    return this.tasks.claim(id, operator(p), version(body?.version));
  }

  @Post(':id/unclaim')
  @Roles('operator')
  @HttpCode(200)
  unclaim(@CurrentPrincipal() p: OperatorPrincipal, @Param('id') id: string): Promise<TaskView> {
    return this.tasks.unclaim(id, operator(p));
  }

  @Post(':id/assign')
  @Roles('operator')
  @HttpCode(200)
  assign(@CurrentPrincipal() p: OperatorPrincipal, @Param('id') id: string, @Body() body: AssignTaskRequestDto): Promise<TaskView> {
    return this.tasks.assign(id, operator(p), body?.operator);
  }

  @Post(':id/complete')
  @Roles('operator', 'citizen')
  @HttpCode(200)
  complete(
    @CurrentPrincipal() p: OperatorPrincipal | CitizenPrincipal,
    @Param('id') id: string,
    @Body() body: CompleteTaskRequestDto,
  ): Promise<TaskView> {
    return this.tasks.complete(id, actorOf(p), body?.data ?? {}, version(body?.version));
  }
}

const operator = (p: OperatorPrincipal): Extract<TaskActor, { kind: 'operator' }> => ({
  kind: 'operator',
  userId: p.userId,
  offices: p.offices,
  headOf: p.headOf,
});

const actorOf = (p: OperatorPrincipal | CitizenPrincipal): TaskActor =>
  p.kind === 'citizen' ? { kind: 'citizen', fiscalCode: p.fiscalCode } : operator(p);

function version(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new TaskInvalidQueryException('version', M.version);
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
  if (q.dueBefore && !DATE.test(q.dueBefore)) throw new TaskInvalidQueryException('dueBefore', M.date);
  const limit = q.pageSize === undefined ? 20 : Number(q.pageSize);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new TaskInvalidQueryException('pageSize', M.limit);
  let cursor: InboxQuery['cursor'];
  if (q.cursor) {
    try {
      const parsed = JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')) as { k?: unknown; id?: unknown };
      if (typeof parsed.id !== 'string' || (parsed.k !== null && typeof parsed.k !== 'string')) throw new Error('shape');
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
