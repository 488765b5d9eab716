import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { apiAuditRecord, AuditService } from '../audit';
import { CitizenPrincipal, CurrentPrincipal, OperatorPrincipal, Roles } from '../identity';
import { AssignTaskRequestDto } from './dto/assign-task.request.dto';
import { ClaimTaskRequestDto } from './dto/claim-task.request.dto';
import { CompleteTaskRequestDto } from './dto/complete-task.request.dto';
import { TaskInvalidQueryException } from './tasks.exceptions';
import { TASK_MESSAGES as M } from './tasks.messages';
import { TasksService } from './tasks.service';
import { InboxQuery, TaskActor, TaskView } from './tasks.types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const TASK_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
/** PostgreSQL's int range: a larger version can never match, and must not reach SQL. */
const MAX_VERSION = 2_147_483_647;

@ApiTags('attività')
@ApiBearerAuth()
@Controller('api/v1/tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
  ) {}

  /** The office inbox: filters, sort by created or due date, cursor pagination. */
  @Get()
  @Roles('operator')
  inbox(@CurrentPrincipal() p: OperatorPrincipal, @Query() q: Record<string, string>): Promise<{ items: TaskView[]; nextCursor: string | null }> {
    return this.tasks.inbox(operator(p), parseInbox(q, p.userId));
  }

  @Get(':id')
  @Roles('operator', 'citizen')
  get(@CurrentPrincipal() p: OperatorPrincipal | CitizenPrincipal, @Param('id') id: string): Promise<TaskView> {
    return this.tasks.get(id, actorOf(p));
  }

  @Post(':id/claim')
  @Roles('operator')
  @HttpCode(200)
  claim(@CurrentPrincipal() p: OperatorPrincipal, @Param('id') id: string, @Body() body: ClaimTaskRequestDto, @Ip() ip: string): Promise<TaskView> {
    const v = version(body?.version);
    return this.audit.audited(apiAuditRecord(p, ip, 'task.claim', 'task', id), () => this.tasks.claim(id, operator(p), v));
  }

  @Post(':id/unclaim')
  @Roles('operator')
  @HttpCode(200)
  unclaim(@CurrentPrincipal() p: OperatorPrincipal, @Param('id') id: string, @Ip() ip: string): Promise<TaskView> {
    return this.audit.audited(apiAuditRecord(p, ip, 'task.unclaim', 'task', id), () => this.tasks.unclaim(id, operator(p)));
  }

  @Post(':id/assign')
  @Roles('operator')
  @HttpCode(200)
  assign(@CurrentPrincipal() p: OperatorPrincipal, @Param('id') id: string, @Body() body: AssignTaskRequestDto, @Ip() ip: string): Promise<TaskView> {
    return this.audit.audited(apiAuditRecord(p, ip, 'task.assign', 'task', id), () => this.tasks.assign(id, operator(p), body?.operator));
  }

  @Post(':id/complete')
  @Roles('operator', 'citizen')
  @HttpCode(200)
  complete(
    @CurrentPrincipal() p: OperatorPrincipal | CitizenPrincipal,
    @Param('id') id: string,
    @Body() body: CompleteTaskRequestDto,
    @Ip() ip: string,
  ): Promise<TaskView> {
    const v = version(body?.version);
    return this.audit.audited(apiAuditRecord(p, ip, 'task.complete', 'task', id), () => this.tasks.complete(id, actorOf(p), body?.data ?? {}, v));
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
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > MAX_VERSION) throw new TaskInvalidQueryException('version', M.version);
  return v;
}

function parseInbox(q: Record<string, string>, me: string): Omit<InboxQuery, 'offices'> {
  const sort = q.sort ?? 'created';
  if (sort !== 'created' && sort !== 'due') throw new TaskInvalidQueryException('sort', M.sort);
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
