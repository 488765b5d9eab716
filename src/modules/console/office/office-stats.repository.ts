import { Transactions } from '../../../database';

export interface WorkloadRow {
  assignee: string | null;
  procedure_key: string;
  procedure_title: string;
  open_tasks: number;
  oldest: Date;
}

export interface DurationRow {
  procedure_key: string;
  procedure_title: string;
  closed: number;
  avg_days: number | null;
  p90_days: number | null;
}

export interface OpenCaseRow {
  id: string;
  code: string;
  procedure_title: string;
  citizen_name: string;
  protocol_number: string | null;
  legal_deadline: string;
}

/** The office head's figures, computed in SQL over the task projection and the cases of one office. */
export class OfficeStatsRepository {
  constructor(private readonly tx: Transactions) {}

  /** Open office tasks per assignee (null: not yet claimed) and procedure. */
  async workload(office: string): Promise<WorkloadRow[]> {
    return (await this.tx.manager().query(
      `select assignee, procedure_key, min(procedure_title) as procedure_title, count(*)::int as open_tasks, min(created_at) as oldest
         from task where office = $1 and status = 'open'
        group by assignee, procedure_key
        order by assignee nulls first, procedure_key`,
      [office],
    )) as WorkloadRow[];
  }

  /**
   * Calendar days from submission to conclusion of the cases concluded in the last `days` days,
   * per procedure: mean and 90th percentile (continuous, as spreadsheets compute it). Withdrawn
   * cases are left out: the office did not conclude them.
   */
  async durations(office: string, days: number, now: Date): Promise<DurationRow[]> {
    const rows = (await this.tx.manager().query(
      `select procedure_key, min(procedure_title) as procedure_title, count(*)::int as closed,
              round(avg(d)::numeric, 1)::float8 as avg_days,
              round((percentile_cont(0.9) within group (order by d))::numeric, 1)::float8 as p90_days
         from (select procedure_key, procedure_title, extract(epoch from (closed_at - submitted_at)) / 86400.0 as d
                 from case_file
                where office = $1 and closed_at is not null and withdrawn_at is null
                  and closed_at > $2::timestamptz - make_interval(days => $3) and closed_at <= $2::timestamptz) c
        group by procedure_key
        order by procedure_key`,
      [office, now, days],
    )) as DurationRow[];
    return rows.map((r) => ({ ...r, avg_days: r.avg_days === null ? null : Number(r.avg_days), p90_days: r.p90_days === null ? null : Number(r.p90_days) }));
  }

  /** Open cases of the office by nominal deadline (the legal clock then adds suspensions), at most `limit`. */
  async openCases(office: string, limit: number): Promise<OpenCaseRow[]> {
    return (await this.tx.manager().query(
      `select id, code, procedure_title, citizen_name, protocol_number, to_char(legal_deadline, 'YYYY-MM-DD') as legal_deadline
         from case_file where office = $1 and closed_at is null and withdrawn_at is null
        order by legal_deadline, submitted_at limit $2`,
      [office, limit],
    )) as OpenCaseRow[];
  }
}
