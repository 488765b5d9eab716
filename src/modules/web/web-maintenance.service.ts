import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../common/logging.module';
import { APP_CONFIG, AppConfig } from '../../config';
import { PgSessionStore } from './pg-session.store';

const EVERY_MS = 15 * 60_000;

/** Deletes expired sessions every 15 minutes (with the scheduler on); any number of processes may do it at once. */
@Injectable()
export class WebMaintenanceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: PgSessionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SCHEDULER_ENABLED) return;
    this.timer = setInterval(() => void this.purge(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async purge(now = new Date()): Promise<number> {
    try {
      const purged = await this.store.purgeExpired(now);
      if (purged) this.logger.info({ module: 'web', purged }, 'expired sessions purged');
      return purged;
    } catch (e) {
      this.logger.error({ module: 'web', err: e }, 'session purge failed');
      return 0;
    }
  }
}
