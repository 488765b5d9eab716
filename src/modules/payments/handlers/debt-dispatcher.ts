import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../../common/logging.module';
import { APP_CONFIG, AppConfig } from '../../../config';
import { Transactions } from '../../../database';
import { AvvisoIssuer } from '../avviso/avviso-issuer';
import { CasePaymentRow, CasePaymentsRepository } from '../case-payments.repository';
import { PaymentGatewayUnauthorizedException, PaymentGatewayUnavailableException, PaymentPositionConflictException } from '../payments.exceptions';
import { PAYMENTS_PORT, PaymentsPort } from '../payments.port';
import { PaymentNoticeAnnouncer } from './payment-notice.announcer';

const BATCH = 10;
const MAX_BACKOFF_MS = 3_600_000;

export interface DebtDispatchReport {
  published: number;
  retried: number;
  failed: number;
}

export const debtBackoff = (attempts: number, baseMs: number): number => Math.min(baseMs * 2 ** Math.min(Math.max(attempts, 1) - 1, 30), MAX_BACKOFF_MS);

/**
 * Creates and publishes at pagoPA the debt positions the procedures recorded as pending, after
 * their transaction committed. Idempotent by IUPD: a 409 for our own IUPD (created before a crash
 * or a lost answer) is read back and published if still a draft. pagoPA down (5xx, 429, timeout,
 * wrong key) is retried with exponential backoff, forever; a position pagoPA refuses as invalid
 * is marked failed and logged (a diagram or configuration mistake: retrying cannot heal it).
 */
@Injectable()
export class DebtDispatcher {
  constructor(
    private readonly repo: CasePaymentsRepository,
    private readonly tx: Transactions,
    private readonly avvisi: AvvisoIssuer,
    private readonly announcer: PaymentNoticeAnnouncer,
    @Inject(PAYMENTS_PORT) private readonly port: PaymentsPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async dispatchDue(now: Date = new Date()): Promise<DebtDispatchReport> {
    const report: DebtDispatchReport = { published: 0, retried: 0, failed: 0 };
    for (;;) {
      const claimed = await this.repo.claimPending(now, new Date(now.getTime() + this.config.PAYMENTS_LEASE_MS), BATCH);
      for (const row of claimed) report[await this.deliver(row, now)]++;
      if (claimed.length < BATCH) return report;
    }
  }

  private async deliver(row: CasePaymentRow, now: Date): Promise<keyof DebtDispatchReport> {
    try {
      await this.createOrAdopt(row);
    } catch (e: unknown) {
      const error = describe(e);
      if (e instanceof PaymentGatewayUnavailableException || e instanceof PaymentGatewayUnauthorizedException) return this.retry(row, now, error, 'debt position not created, will retry');
      await this.repo.markFailed(row.id, row.attempts, error);
      this.logger.error({ paymentId: row.id, iupd: row.iupd, error, details: (e as { details?: unknown }).details }, 'debt position refused by pagoPA');
      return 'failed';
    }
    try {
      // Published and its avviso stored as an issued document together; if that fails (our side),
      // the next pass adopts the position (same IUPD) and tries both again.
      await this.tx.run(async () => {
        if (await this.repo.markPublished(row.id, row.attempts, new Date())) {
          await this.avvisi.issue(row);
          await this.announcer.announce(row);
        }
      });
      return 'published';
    } catch (e: unknown) {
      return this.retry(row, now, describe(e), 'debt position created, recording it failed: will retry');
    }
  }

  private async retry(row: CasePaymentRow, now: Date, error: string, message: string): Promise<'retried'> {
    const next = new Date(now.getTime() + debtBackoff(row.attempts, this.config.PAYMENTS_BACKOFF_MS));
    await this.repo.markRetry(row.id, row.attempts, next, error);
    this.logger.warn({ paymentId: row.id, iupd: row.iupd, attempts: row.attempts, next, error }, message);
    return 'retried';
  }

  private async createOrAdopt(row: CasePaymentRow): Promise<void> {
    try {
      await this.port.createPosition(row.org_fiscal_code, row.position, true);
    } catch (e: unknown) {
      if (!(e instanceof PaymentPositionConflictException)) throw e;
      // Ours already (same IUPD): created by an earlier attempt whose answer was lost.
      const existing = await this.port.getPosition(row.org_fiscal_code, row.iupd);
      if (existing.status === 'DRAFT') await this.port.publish(row.org_fiscal_code, row.iupd);
    }
  }
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const { details, code } = e as Error & { details?: { detail?: unknown }; code?: unknown };
  const detail = details?.detail;
  return `${typeof code === 'string' ? code : e.name}: ${e.message}${typeof detail === 'string' ? ` (${detail})` : ''}`;
}
