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
}

/** The task projection: one row per (user task, office queue), written with the engine step. */
export class TasksRepository {
  constructor(private readonly tx: Transactions) {}

  async open(t: NewTask): Promise<void> {
    await this.tx.manager().query(
      `insert into task (id, office, case_id, instance_id, element_id, name, form_key, status, created_at, due_at,
         procedure_key, procedure_title, citizen_name, protocol_number)
       select $1, o, $3, $4, $5, $6, $7, 'open', $8, $9, $10, $11, $12, $13 from unnest($2::text[]) o
       on conflict (id, office) do nothing`,
      [t.id, t.offices, t.caseId, t.instanceId, t.elementId, t.name, t.formKey, t.createdAt, t.dueAt, t.procedureKey, t.procedureTitle, t.citizenName, t.protocolNumber],
    );
  }

  async close(id: string, status: 'completed' | 'cancelled', by: string | null): Promise<void> {
    await this.tx.manager().query(
      `update task set status = $2, completed_at = now(), completed_by = $3, version = version + 1 where id = $1 and status = 'open'`,
      [id, status, by],
    );
  }

  async find(id: string): Promise<TaskRow[]> {
    return (await this.tx.manager().query(`select * from task where id = $1 order by office`, [id])) as TaskRow[];
  }

  /** Sets the assignee if the task is open and unassigned (or already theirs); returns the row or nothing. */
  async claim(id: string, office: string, assignee: string, expectedVersion?: number): Promise<TaskRow | undefined> {
    const [row] = returnedRows<TaskRow>(await this.tx.manager().query(
      `update task set assignee = $3, claimed_at = now(), version = version + 1
       where id = $1 and office = $2 and status = 'open' and (assignee is null or assignee = $3) and ($4::int is null or version = $4)
       returning *`,
      [id, office, assignee, expectedVersion ?? null],
    ));
    return row;
  }

  async release(id: string, office: string, onlyIf: string | null): Promise<TaskRow | undefined> {
    const [row] = returnedRows<TaskRow>(await this.tx.manager().query(
      `update task set assignee = null, claimed_at = null, version = version + 1
       where id = $1 and office = $2 and status = 'open' and ($3::text is null or assignee = $3) returning *`,
      [id, office, onlyIf],
    ));
    return row;
  }

  async assign(id: string, office: string, assignee: string): Promise<TaskRow | undefined> {
    const [row] = returnedRows<TaskRow>(await this.tx.manager().query(
      `update task set assignee = $3, claimed_at = now(), version = version + 1 where id = $1 and office = $2 and status = 'open' returning *`,
      [id, office, assignee],
    ));
    return row;
  }

  /** Keyset-paginated inbox over the (office, created_at|due_at, id) indexes. */
  async inbox(q: InboxQuery): Promise<TaskRow[]> {
    const params: unknown[] = [];
    const p = (v: unknown): string => `$${params.push(v)}`;
    const where = [`t.status = 'open'`, q.office ? `t.office = ${p(q.office)}` : `t.office = any(${p(q.offices)})`];
    if (q.procedure) where.push(`t.procedure_key = ${p(q.procedure)}`);
    if (q.status === 'claimed') where.push(`t.assignee is not null`);
    if (q.status === 'unclaimed') where.push(`t.assignee is null`);
    if (q.assignee) where.push(`t.assignee = ${p(q.assignee)}`);
    if (q.dueBefore) where.push(`t.due_at <= ${p(q.dueBefore)}`);
    if (q.text && /^\d{1,12}$/.test(q.text)) {
      // A protocol number (typed with or without its leading zeros): an exact, indexed match.
      where.push(`t.protocol_number = ${p(q.text.padStart(7, '0'))}`);
    } else if (q.text) {
      const like = p(`%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(t.citizen_name ilike ${like} or t.procedure_title ilike ${like})`);
    }
    const sortCol = q.sort === 'due' ? 't.due_at' : 't.created_at';
    if (q.cursor) where.push(`(${sortCol}, t.id) > (${p(q.cursor.k)}, ${p(q.cursor.id)})`);
    return (await this.tx.manager().query(
      `select * from task t where ${where.join(' and ')} order by ${sortCol}, t.id limit ${p(q.limit + 1)}`,
      params,
    )) as TaskRow[];
  }
}
