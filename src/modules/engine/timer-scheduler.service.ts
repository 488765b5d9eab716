import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../common/logging.module';
import { APP_CONFIG, AppConfig } from '../../config';
import { EngineService } from './engine.service';

/** Wall-clock by default; tests move it forward to fire a 60-day timer now. */
export const ENGINE_CLOCK = Symbol('ENGINE_CLOCK');
export interface EngineClock {
  now(): Date;
}
export const systemClock: EngineClock = { now: () => new Date() };

/**
 * Fires due timers and retries due incidents from the database, so they survive restarts and
 * are fired once however many app processes poll: each timer is taken under its instance's
 * lock and re-checked ("still waiting, still due") before it fires.
 */
@Injectable()
export class TimerSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly engine: EngineService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ENGINE_CLOCK) private readonly clock: EngineClock,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.SCHEDULER_ENABLED) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: fire every timer due now (up to the batch size), then retry due incidents. */
  async tick(now: Date = this.clock.now()): Promise<{ timersFired: number; incidentsRetried: number }> {
    let timersFired = 0;
    while (timersFired < this.config.SCHEDULER_BATCH && !this.stopped) {
      const fired = await this.engine.fireNextDueTimer(now);
      if (!fired) break;
      timersFired++;
    }
    const incidentsRetried = await this.engine.retryDueIncidents(now, this.config.SCHEDULER_BATCH);
    return { timersFired, incidentsRetried };
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then((r) => {
          if (r.timersFired || r.incidentsRetried) this.logger.info(r, 'scheduler pass');
        })
        .catch((e: unknown) => this.logger.error({ err: e }, 'scheduler pass failed'))
        .finally(() => this.schedule(this.config.SCHEDULER_POLL_MS));
    }, delay);
    this.timer.unref();
  }
}
