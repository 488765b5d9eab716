import { Injectable } from '@nestjs/common';
import { Transactions } from '../../../database';
import { auditActorOf, AuditService } from '../../audit';
import { LegalClockService } from '../../cases';
import { CatalogueService } from '../../catalogue';
import type { OperatorPrincipal } from '../../identity';
import { WebForbiddenException, WebInvalidInputException } from '../../web';
import { italianCsv } from './office-csv';
import { OFFICE_MESSAGES as M } from './office.messages';
import { DurationRow, OfficeStatsRepository } from './office-stats.repository';

export const PERIODS = [30, 90, 365] as const;
/** A case is "near" its legal deadline this many days before it. */
export const NEAR_DAYS = 10;
const SCANNED_CASES = 500;

/**
 * The office head's views, for the offices they head only: open work per operator and
 * procedure, cases near or past the legal deadline (the legal clock, suspensions included), and
 * how long procedures take (mean and 90th percentile, in SQL) with a CSV for Italian Excel.
 */
@Injectable()
export class OfficeViewsService {
  private readonly repo: OfficeStatsRepository;

  constructor(
    tx: Transactions,
    private readonly clock: LegalClockService,
    private readonly catalogue: CatalogueService,
    private readonly audit: AuditService,
  ) {
    this.repo = new OfficeStatsRepository(tx);
  }

  async dashboard(head: OperatorPrincipal, rawOffice: unknown, rawPeriod: unknown, now = new Date()): Promise<object> {
    const office = this.officeOf(head, rawOffice);
    const days = periodOf(rawPeriod);
    const offices = await this.catalogue.offices();
    const name = (key: string) => offices.find((o) => o.key === key)?.name ?? key;
    const workload = await this.repo.workload(office);
    const durations = await this.repo.durations(office, days, now);
    const atRisk = await this.atRisk(office, now);
    return {
      title: `Ufficio: ${name(office)}`,
      breadcrumbs: [{ label: 'Console', href: '/console' }, { label: 'Ufficio' }],
      office: { key: office, name: name(office) },
      offices: head.headOf.map((key) => ({ key, name: name(key), selected: key === office })),
      periods: PERIODS.map((p) => ({ days: p, selected: p === days })),
      days,
      workload: workload.map((w) => ({ ...w, assigneeLabel: w.assignee ?? M.unassigned })),
      operators: totals(workload),
      atRisk,
      nearDays: NEAR_DAYS,
      durations,
      csvHref: `/console/ufficio/tempi.csv?ufficio=${encodeURIComponent(office)}&periodo=${days}`,
    };
  }

  async durationsCsv(head: OperatorPrincipal, rawOffice: unknown, rawPeriod: unknown, now = new Date()): Promise<{ fileName: string; body: string }> {
    const office = this.officeOf(head, rawOffice);
    const days = periodOf(rawPeriod);
    const rows = await this.repo.durations(office, days, now);
    await this.audit.record({ actor: auditActorOf(head), action: 'office.export', resource: { type: 'page', id: `/console/ufficio/tempi.csv?ufficio=${office}&periodo=${days}` }, channel: 'web' });
    return { fileName: M.csvFileName(office, days), body: italianCsv(M.csvHeaders, rows.map((r: DurationRow) => [office, r.procedure_title, r.procedure_key, days, r.closed, r.avg_days, r.p90_days])) };
  }

  private officeOf(head: OperatorPrincipal, raw: unknown): string {
    if (!head.headOf.length) throw new WebForbiddenException(M.notHead);
    if (raw === undefined || raw === '') return head.headOf[0];
    if (typeof raw !== 'string' || !head.headOf.includes(raw)) throw new WebInvalidInputException(M.unknownOffice, [{ field: 'ufficio', message: M.unknownOffice }]);
    return raw;
  }

  private async atRisk(office: string, now: Date): Promise<object[]> {
    const out: object[] = [];
    for (const c of await this.repo.openCases(office, SCANNED_CASES)) {
      const state = await this.clock.state(c.id, now);
      const deadline = state?.deadline ?? c.legal_deadline;
      const daysLeft = state?.daysLeft ?? Math.round((Date.parse(c.legal_deadline) - now.getTime()) / 86_400_000);
      if (daysLeft > NEAR_DAYS) continue;
      out.push({ ...c, deadline, daysLeft, daysLeftAbs: Math.abs(daysLeft), past: daysLeft < 0, suspended: Boolean(state?.suspended) });
    }
    return out.sort((a, b) => (a as { daysLeft: number }).daysLeft - (b as { daysLeft: number }).daysLeft);
  }
}

function periodOf(raw: unknown): number {
  if (raw === undefined || raw === '') return 90;
  const n = typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(PERIODS as readonly number[]).includes(n)) throw new WebInvalidInputException(M.unknownPeriod, [{ field: 'periodo', message: M.unknownPeriod }]);
  return n;
}

function totals(rows: Array<{ assignee: string | null; open_tasks: number }>): Array<{ assignee: string; open: number }> {
  const by = new Map<string, number>();
  for (const r of rows) by.set(r.assignee ?? M.unassigned, (by.get(r.assignee ?? M.unassigned) ?? 0) + r.open_tasks);
  return [...by.entries()].map(([assignee, open]) => ({ assignee, open }));
}
