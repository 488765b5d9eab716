import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../config';
import { Transactions } from '../../../database';
import { AnprInvalidException, AnprSubjectNotFoundException, AnprUnavailableException, checkFiscalCode } from '../anpr.exceptions';
import { ANPR_MESSAGES as M } from '../anpr.messages';
import type { AnprPort, AnprResidence, ResidenceCheck } from '../anpr.port';
import { DEMO_RESIDENTS } from './demo-residents';
import { FakeAnprRepository, SubjectRow, SubjectStatus } from './fake-anpr.repository';

/** A change to a subject through /dev-anpr: the address, and whether they still reside. */
export interface SubjectChange {
  street?: unknown;
  streetNumber?: unknown;
  postalCode?: unknown;
  since?: unknown;
  status?: unknown;
  statusDate?: unknown;
  destination?: unknown;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const STATUSES: readonly SubjectStatus[] = ['resident', 'deceased', 'emigrated'];

/** `fake` or DEV_ANPR_ENABLED: whether the development ANPR exists in this process. */
export const devAnprEnabled = (c: AppConfig): boolean => c.DEV_ANPR_ENABLED ?? c.ANPR_ADAPTER === 'fake';

/**
 * The development ANPR: a registry of subjects in PostgreSQL, seeded with the demo citizens,
 * answering the residence check as ANPR does (resident with address, date of registration and
 * family; deceased; emigrated; not found). It can be driven: change an address or a status, or
 * switch a fault on, after which every check fails as an unreachable ANPR does.
 */
@Injectable()
export class FakeAnpr implements AnprPort, OnApplicationBootstrap {
  constructor(
    private readonly repo: FakeAnprRepository,
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (devAnprEnabled(this.config)) await this.seed();
  }

  async seed(): Promise<void> {
    await this.tx.run(async () => {
      for (const s of DEMO_RESIDENTS) await this.repo.seed(s);
    });
  }

  async residence(fiscalCode: string): Promise<ResidenceCheck> {
    const cf = checkFiscalCode(fiscalCode);
    const operationId = randomUUID();
    return this.tx.run(async () => {
      if (await this.repo.unavailable()) throw new AnprUnavailableException('development ANPR: fault switched on');
      const row = await this.repo.find(cf);
      return row ? checkOf(row, operationId) : { outcome: 'not-found', operationId };
    });
  }

  registry(): Promise<{ unavailable: boolean; subjects: SubjectRow[] }> {
    return this.tx.run(async () => ({ unavailable: await this.repo.unavailable(), subjects: await this.repo.list() }));
  }

  setUnavailable(value: boolean): Promise<void> {
    return this.tx.run(() => this.repo.setUnavailable(value));
  }

  /** Moves a subject (address, date of registration) or records their death or emigration; names every bad field. */
  async change(fiscalCode: string, change: SubjectChange): Promise<SubjectRow> {
    const cf = checkFiscalCode(fiscalCode);
    return this.tx.run(async () => {
      const row = await this.repo.find(cf, true);
      if (!row) throw new AnprSubjectNotFoundException(cf);
      const errors: Array<{ field: string; message: string }> = [];
      const text = (field: keyof SubjectChange, current: string, max = 120): string => {
        const v = change[field];
        if (v === undefined) return current;
        if (typeof v !== 'string' || !v.trim() || v.length > max) errors.push({ field, message: M.required });
        return typeof v === 'string' ? v.trim() : current;
      };
      const residence: AnprResidence = {
        ...row.residence,
        street: text('street', row.residence.street),
        streetNumber: text('streetNumber', row.residence.streetNumber, 10),
        postalCode: text('postalCode', row.residence.postalCode, 5),
        since: text('since', row.residence.since, 10),
      };
      if (!/^\d{5}$/.test(residence.postalCode)) errors.push({ field: 'postalCode', message: M.postalCode });
      if (!DATE.test(residence.since)) errors.push({ field: 'since', message: M.date });
      const status = (change.status ?? row.status) as SubjectStatus;
      if (!STATUSES.includes(status)) errors.push({ field: 'status', message: M.status });
      let statusDate: string | null = null;
      let destination: string | null = null;
      if (status !== 'resident') {
        statusDate = typeof change.statusDate === 'string' && change.statusDate ? change.statusDate : (row.status_date ?? new Date().toISOString().slice(0, 10));
        if (!DATE.test(statusDate)) errors.push({ field: 'statusDate', message: M.date });
      }
      if (status === 'emigrated') destination = text('destination', row.destination ?? 'Estero', 60);
      if (errors.length) throw new AnprInvalidException(errors);
      await this.repo.update(cf, residence, status, statusDate, destination);
      return (await this.repo.find(cf))!;
    });
  }
}

function checkOf(row: SubjectRow, operationId: string): ResidenceCheck {
  if (row.status === 'deceased') return { outcome: 'deceased', operationId, person: row.person, date: row.status_date ?? '' };
  if (row.status === 'emigrated') return { outcome: 'emigrated', operationId, person: row.person, date: row.status_date ?? '', destination: row.destination ?? '' };
  return { outcome: 'resident', operationId, person: row.person, residence: row.residence, family: row.family };
}
