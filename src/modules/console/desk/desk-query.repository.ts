import { Transactions } from '../../../database';

/** A citizen the Comune knows from a case filed or a draft saved in their name. */
export interface KnownCitizenRow {
  fiscal_code: string;
  given_name: string | null;
  family_name: string | null;
  full_name: string | null;
  email: string | null;
  cases: number;
  last_seen: Date;
}

export interface DraftSummaryRow {
  procedure_key: string;
  step: number;
  updated_at: Date;
}

const MAX_RESULTS = 50;

/**
 * Read model of the front desk. Names come from what citizens (or the desk) typed when filing or
 * drafting: `case_file.citizen_name` and the `richiedente` group of the case's or draft's data
 * (the Comune keeps no separate register of citizens; ANPR is not connected).
 */
export class DeskQueryRepository {
  constructor(private readonly tx: Transactions) {}

  /** Citizens whose name contains every word of `words` (case-insensitive), newest first. */
  async searchByName(words: string[]): Promise<KnownCitizenRow[]> {
    const params = words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const match = params.map((_, i) => `k.full_name ilike $${i + 1}`).join(' and ');
    return (await this.tx.manager().query(`${KNOWN} where ${match} order by k.last_seen desc limit ${MAX_RESULTS}`, params)) as KnownCitizenRow[];
  }

  async find(fiscalCode: string): Promise<KnownCitizenRow | undefined> {
    const rows = (await this.tx.manager().query(`${KNOWN} where k.fiscal_code = $1`, [fiscalCode])) as KnownCitizenRow[];
    return rows[0];
  }

  /** The citizen's case ids, newest first; `offices` narrows them (null: every office, the front desk). */
  async caseIds(fiscalCode: string, offices: string[] | null): Promise<string[]> {
    const rows = (await this.tx.manager().query(
      `select id from case_file where citizen_fiscal_code = $1 and ($2::text[] is null or office = any($2::text[])) order by submitted_at desc, id limit 200`,
      [fiscalCode, offices],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  async drafts(fiscalCode: string): Promise<DraftSummaryRow[]> {
    return (await this.tx.manager().query(
      `select procedure_key, step, updated_at from draft where citizen_fiscal_code = $1 order by updated_at desc limit 100`,
      [fiscalCode],
    )) as DraftSummaryRow[];
  }
}

/** One row per fiscal code over cases and drafts: the newest name typed, the number of cases. */
const KNOWN = `
  select * from (
    select distinct on (s.fiscal_code) s.fiscal_code, s.given_name, s.family_name, s.full_name, s.email,
           (select count(*)::int from case_file c where c.citizen_fiscal_code = s.fiscal_code) as cases,
           max(s.seen) over (partition by s.fiscal_code) as last_seen
    from (
      select citizen_fiscal_code as fiscal_code, data->'richiedente'->>'nome' as given_name, data->'richiedente'->>'cognome' as family_name,
             citizen_name as full_name, citizen_email as email, submitted_at as seen
        from case_file
      union all
      select citizen_fiscal_code, data->'richiedente'->>'nome', data->'richiedente'->>'cognome',
             nullif(trim(coalesce(data->'richiedente'->>'nome', '') || ' ' || coalesce(data->'richiedente'->>'cognome', '')), ''),
             data->'richiedente'->>'email', updated_at
        from draft
    ) s
    order by s.fiscal_code, (s.full_name is null), s.seen desc
  ) k`;
