import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../common/logging.module';
import { APP_CONFIG, AppConfig } from '../../config';
import { Transactions } from '../../database';
import { DraftsRepository } from './drafts.repository';

const EVERY_MS = 60 * 60_000;
const BATCH = 500;

/** Drafts are kept 12 months after their last change (AgID criterion 5: at least a year), then deleted. */
export const DRAFT_RETENTION_MONTHS = 12;

@Injectable()
export class DraftRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private readonly drafts: DraftsRepository;

  constructor(
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.drafts = new DraftsRepository(tx);
  }

  onApplicationBootstrap(): void {
    if (!this.config.SCHEDULER_ENABLED) return;
    this.timer = setInterval(() => void this.purge().catch((e: unknown) => this.logger.error({ module: 'portal', err: e }, 'draft purge failed')), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Deletes every draft older than the retention period, in batches, each its own transaction. */
  async purge(now = new Date()): Promise<number> {
    const before = new Date(now);
    before.setMonth(before.getMonth() - DRAFT_RETENTION_MONTHS);
    let total = 0;
    for (;;) {
      const purged = await this.tx.run(() => this.drafts.purgeOlderThan(before, BATCH));
      total += purged;
      if (purged < BATCH) break;
    }
    if (total) this.logger.info({ module: 'portal', purged: total }, 'expired drafts purged');
    return total;
  }
}
