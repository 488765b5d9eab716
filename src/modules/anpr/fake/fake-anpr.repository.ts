import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactions, returnedRows } from '../../../database';
import type { AnprFamilyMember, AnprPerson, AnprResidence } from '../anpr.port';

export type SubjectStatus = 'resident' | 'deceased' | 'emigrated';

export interface SubjectRow {
  fiscal_code: string;
  person: AnprPerson;
  residence: AnprResidence;
  family: AnprFamilyMember[];
  status: SubjectStatus;
  status_date: string | null;
  destination: string | null;
}

export type NewSubject = Omit<SubjectRow, 'status_date' | 'destination'> & { status_date?: string | null; destination?: string | null };

const COLUMNS = `fiscal_code, person, residence, family, status, to_char(status_date, 'YYYY-MM-DD') as status_date, destination`;

/** SQL of the development ANPR's registry and fault switch. Every method joins the caller's transaction. */
@Injectable()
export class FakeAnprRepository {
  constructor(private readonly tx: Transactions) {}

  private em(): EntityManager {
    return this.tx.manager();
  }

  /** Seeds a subject unless the registry already holds it (edits made through /dev-anpr survive restarts). */
  async seed(s: NewSubject): Promise<void> {
    await this.em().query(
      `insert into dev_anpr_subject (fiscal_code, person, residence, family, status, status_date, destination) values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing`,
      [s.fiscal_code, JSON.stringify(s.person), JSON.stringify(s.residence), JSON.stringify(s.family), s.status, s.status_date ?? null, s.destination ?? null],
    );
  }

  async find(fiscalCode: string, lock = false): Promise<SubjectRow | undefined> {
    const [row] = (await this.em().query(`select ${COLUMNS} from dev_anpr_subject where fiscal_code = $1${lock ? ' for update' : ''}`, [fiscalCode])) as SubjectRow[];
    return row;
  }

  async list(): Promise<SubjectRow[]> {
    return (await this.em().query(`select ${COLUMNS} from dev_anpr_subject order by (person->>'familyName'), (person->>'givenName'), fiscal_code`)) as SubjectRow[];
  }

  async update(fiscalCode: string, residence: AnprResidence, status: SubjectStatus, statusDate: string | null, destination: string | null): Promise<boolean> {
    const rows = returnedRows<unknown>(
      await this.em().query(
        `update dev_anpr_subject set residence = $2, status = $3, status_date = $4, destination = $5, updated_at = now() where fiscal_code = $1 returning fiscal_code`,
        [fiscalCode, JSON.stringify(residence), status, statusDate, destination],
      ),
    );
    return rows.length === 1;
  }

  async unavailable(): Promise<boolean> {
    const [row] = (await this.em().query(`select unavailable from dev_anpr_setting where id = 1`)) as Array<{ unavailable: boolean }>;
    return row?.unavailable ?? false;
  }

  async setUnavailable(value: boolean): Promise<void> {
    await this.em().query(`update dev_anpr_setting set unavailable = $1 where id = 1`, [value]);
  }
}
