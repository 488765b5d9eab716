import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../../common/logging.module';
import { APP_CONFIG, AppConfig } from '../../../config';
import { FakePagoPa } from '../fake/fake-pagopa';
import { DebtDispatcher } from './debt-dispatcher';
import { ReceiptReconciler } from './receipt-reconciler';

/**
 * Runs the payment jobs every PAYMENTS_POLL_MS in each app process (they are safe to run in
 * several at once), and with the development pagoPA applies a receipt as soon as it is issued.
 */
@Injectable()
export class PaymentsJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly dispatcher: DebtDispatcher,
    private readonly reconciler: ReceiptReconciler,
    private readonly fake: FakePagoPa,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.PAYMENTS_ADAPTER === 'fake') {
      // A failed push is not lost: the receipt stays at pagoPA and the next poll applies it.
      this.fake.onReceipt(async (r) => {
        await this.reconciler.apply(r).catch((e: unknown) => this.logger.warn({ err: e, receiptId: r.receiptId }, 'pushed receipt not applied; polling will retry'));
      });
    }
    if (this.config.PAYMENTS_JOBS_ENABLED) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  async runOnce(now: Date = new Date()): Promise<void> {
    const debts = await this.dispatcher.dispatchDue(now);
    const receipts = await this.reconciler.reconcile(now);
    if (debts.published || debts.retried || debts.failed || receipts.applied || receipts.flagged) this.logger.info({ debts, receipts }, 'payments pass');
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((e: unknown) => this.logger.warn({ err: e }, 'payments pass failed'))
        .finally(() => this.schedule(this.config.PAYMENTS_POLL_MS));
    }, delay);
    this.timer.unref();
  }
}
