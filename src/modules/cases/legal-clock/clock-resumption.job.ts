import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../../common/logging.module';
import { APP_CONFIG, AppConfig } from '../../../config';
import { returnedRows, Transactions } from '../../../database';
import { CalendarDate, romeDateOf } from './calendar-date';
import { LegalClockService, CLOCK_EVENTS } from './legal-clock.service';
import { LEGAL_CLOCK_MESSAGES as M } from './legal-clock.messages';
import { LegalClockRepository } from './legal-clock.repository';

/** Checked hourly so the day's resumptions land within the hour after midnight in Rome, whichever process runs it. */
const EVERY_MS = 60 * 60_000;
const BATCH = 200;

interface DueRow {
  id: string;
  case_id: string;
  item_id: string;
  resumes_on: string;
}

/**
 * Day-30 resumption (art. 2 c. 7 L. 241/1990): a suspension the citizen never answered ends by
 * itself `auto_resume_days` after it started (30 for an integration unless the procedure says
 * otherwise). Each due suspension is closed once, in one transaction with its timeline entry and
 * the new deadline: rows are taken FOR UPDATE SKIP LOCKED and updated only while still open, so
 * two processes running the job at once never write a resumption twice.
 */
@Injectable()
export class ClockResumptionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private readonly repo: LegalClockRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: LegalClockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.repo = new LegalClockRepository(tx);
  }

  onApplicationBootstrap(): void {
    if (!this.config.SCHEDULER_ENABLED) return;
    this.timer = setInterval(() => void this.runSafely(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Resumes every suspension due by `now` (Rome date); the number resumed by this call. */
  async run(now = new Date()): Promise<number> {
    const today = romeDateOf(now);
    let total = 0;
    for (;;) {
      const done = await this.tx.run(() => this.batch(today, now));
      total += done;
      if (done < BATCH) return total;
    }
  }

  private async runSafely(): Promise<void> {
    try {
      const resumed = await this.run();
      if (resumed) this.logger.info({ module: 'cases', resumed }, 'legal clock: suspensions resumed after their maximum length');
    } catch (e) {
      this.logger.error({ module: 'cases', err: e }, 'legal clock resumption job failed');
    }
  }

  private async batch(today: CalendarDate, now: Date): Promise<number> {
    const em = this.tx.manager();
    const due = (await em.query(
      `update case_clock_suspension s set resumes_on = s.started_on + s.auto_resume_days
        where s.id in (select id from case_clock_suspension
                        where resumes_on is null and not refused and started_on + auto_resume_days <= $1::date
                        order by id limit ${BATCH} for update skip locked)
          and s.resumes_on is null
        returning s.id, s.case_id, s.item_id, to_char(s.resumes_on, 'YYYY-MM-DD') as resumes_on`,
      [today],
    )) as unknown;
    const rows = returnedRows<DueRow>(due);
    for (const r of rows) {
      const state = await this.clock.state(r.case_id, now);
      if (!state) continue;
      const deadline = state.deadline;
      await this.repo.timeline({ caseId: r.case_id, status: CLOCK_EVENTS.resumed, message: M.resumed(r.resumes_on, deadline), actorKind: 'system', elementId: 'legal-clock', itemId: r.item_id });
      await this.repo.storeDeadline(r.case_id, deadline);
    }
    return rows.length;
  }
}
