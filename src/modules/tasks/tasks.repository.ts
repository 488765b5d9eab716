import { returnedRows, Transactions } from '../../database';
import { InboxQuery, TaskRow } from './tasks.types';

export interface NewTask {
  id: string;
  offices: string[];
  caseId: string;
  instanceId: string;
  elementId: string;
  name: string | null;
  formKey: string | null;
  createdAt: Date;
  dueAt: string | null;
  procedureKey: string;
  procedureTitle: string;
  citizenName: string;
  protocolNumber: string | null;
  citizenStatus: string | null;
  citizenMessage: string | null;
}

/** The task projection: one row per (user task, office queue), written with the engine step. */
export class TasksRepository {
  constructor(private readonly tx: Transactions) {}

  async open(t: NewTask): Promise<void> {
    await this.tx.manager().query(
      `insert into task (id, office, case_id, instance_id, element_id, name, form_key, status, created_at, due_at,
         procedure_key, procedure_title, citizen_name, protocol_number, citizen_status, citizen_message)
       select $1, o, $3, $4, $5, $6, $7, 'open', $8, $9, $10, $11, $12, $13, $14, $15 from unnest($2::text[]) o
       on conflict (id, office) do nothing`,
      [t.id, t.offices, t.caseId, t.instanceId, t.elementId, t.name, t.formKey, t.createdAt, t.dueAt, t.procedureKey, t.procedureTitle, t.citizenName, t.protocolNumber, t.citizenStatus, t.citizenMessage],
    );
  }

  async close(id: string, status: 'completed' | 'cancelled', by: string | null): Promise<void> {
    await this.tx.manager().query(
      // Milliseconds, so the completed list's keyset cursor (an ISO timestamp) matches the stored value exactly.
      `update task set status = $2, completed_at = date_trunc('milliseconds', now()), completed_by = $3, version = version + 1 where id = $1 and status = 'open'`,
      [id, status, by],
    );
  }

  async find(id: string): Promise<TaskRow[]> {
    return (await this.tx.manager().query(`select * from task where id = $1 order by office`, [id])) as TaskRow[];
  }

  /**
   * Sets the assignee if the task is open and unassigned (or already theirs); returns the row of
   * `office` or nothing. A task queued to several offices is one task: every queue's row changes.
   */
  async claim(id: string, office: string, assignee: string, expectedVersion?: number): Promise<TaskRow | undefined> {
    const rows = returnedRows<TaskRow>(await this.tx.manager().query(
      `update task set assignee = $2, claimed_at = now(), version = version + 1
       where id = $1 and status = 'open' and (assignee is null or assignee = $2) and ($3::int is null or version = $3)
       returning *`,
      [id, assignee, expectedVersion ?? null],
    ));
    return rows.find((r) => r.office === office);
  }

  async release(id: string, office: string, onlyIf: string | null): Promise<TaskRow | undefined> {
    const rows = returnedRows<TaskRow>(await this.tx.manager().query(
      `update task set assignee = null, claimed_at = null, version = version + 1
       where id = $1 and status = 'open' and ($2::text is null or assignee = $2) returning *`,
      [id, onlyIf],
    ));
    return rows.find((r) => r.office === office);
  }

  async assign(id: string, office: string, assignee: string): Promise<TaskRow | undefined> {
    const rows = returnedRows<TaskRow>(await this.tx.manager().query(
      `update task set assignee = $2, claimed_at = now(), version = version + 1 where id = $1 and status = 'open' returning *`,
      [id, assignee],
    ));
    return rows.find((r) => r.office === office);
  }

  /**
   * Keyset-paginated inbox over the (office, created_at|due_at, id) indexes; with state=completed,
   * the completed tasks of the offices (or of one operator), newest first by default. A task queued
   * to several of the operator's offices is listed once (under the first of those offices).
   */
  async inbox(q: InboxQuery): Promise<TaskRow[]> {
    const params: unknown[] = [];
    const p = (v: unknown): string => `$${params.push(v)}`;
    const completed = q.state === 'completed';
    const where = [completed ? `t.status = 'completed'` : `t.status = 'open'`, q.office ? `t.office = ${p(q.office)}` : `t.office = any(${p(q.offices)})`];
    if (!q.office) where.push(`not exists (select 1 from task d where d.id = t.id and d.office < t.office and d.office = any(${p(q.offices)}))`);
    if (completed && q.completedBy) where.push(`t.completed_by = ${p(q.completedBy)}`);
    if (q.procedure) where.push(`t.procedure_key = ${p(q.procedure)}`);
    if (!completed && q.status === 'claimed') where.push(`t.assignee is not null`);
    if (!completed && q.status === 'unclaimed') where.push(`t.assignee is null`);
    if (q.assignee) where.push(`t.assignee = ${p(q.assignee)}`);
    if (q.dueBefore) where.push(`t.due_at <= ${p(q.dueBefore)}`);
    if (q.text && /^\d{1,12}$/.test(q.text)) {
      // A protocol number (typed with or without its leading zeros): an exact, indexed match.
      where.push(`t.protocol_number = ${p(q.text.padStart(7, '0'))}`);
    } else if (q.text) {
      const like = p(`%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(t.citizen_name ilike ${like} or t.procedure_title ilike ${like})`);
    }
    const sortCol = q.sort === 'due' ? 't.due_at' : q.sort === 'completed' ? 't.completed_at' : 't.created_at';
    const desc = q.sort === 'completed';
    if (q.cursor) where.push(`(${sortCol}, t.id) ${desc ? '<' : '>'} (${p(q.cursor.k)}, ${p(q.cursor.id)})`);
    const dir = desc ? ' desc' : '';
    return (await this.tx.manager().query(
      `select * from task t where ${where.join(' and ')} order by ${sortCol}${dir}, t.id${dir} limit ${p(q.limit + 1)}`,
      params,
    )) as TaskRow[];
  }
}
