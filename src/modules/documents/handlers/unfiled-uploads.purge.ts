import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../../common/logging.module';
import { APP_CONFIG, AppConfig } from '../../../config';
import { Transactions } from '../../../database';
import { DocumentsRepository } from '../documents.repository';
import { DOCUMENT_STORAGE, DocumentStorage, lockDigest } from '../storage/document-storage.port';

const BATCH = 200;
const FIRST_RUN_DELAY_MS = 60_000;

/**
 * Deletes uploads never filed within DOCUMENTS_UNFILED_TTL_HOURS, and their bytes once nothing
 * else references them. Safe with several processes: rows are claimed with SKIP LOCKED, and a
 * digest's bytes are dropped under the same advisory lock uploads take, re-checked after commit.
 */
@Injectable()
export class UnfiledUploadsPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly tx: Transactions,
    private readonly repo: DocumentsRepository,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.DOCUMENTS_PURGE_ENABLED && this.config.NODE_ENV !== 'test') this.schedule(FIRST_RUN_DELAY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      this.running = this.purge()
        .catch((error: unknown) => this.logger.error({ err: error }, 'purge of unfiled uploads failed'))
        .finally(() => !this.stopped && this.schedule(this.config.DOCUMENTS_PURGE_INTERVAL_MS));
    }, delay);
    this.timer.unref();
  }

  /** Purges uploads unfiled since before `now` minus the TTL; returns how many uploads and contents went. */
  async purge(now: Date = new Date()): Promise<{ attachments: number; contents: number }> {
    const cutoff = new Date(now.getTime() - this.config.DOCUMENTS_UNFILED_TTL_HOURS * 3_600_000);
    const report = { attachments: 0, contents: 0 };
    while (!this.stopped) {
      const gone: string[] = [];
      const deleted = await this.tx.run(async (em) => {
        const digests = await this.repo.deleteUnfiled(cutoff, BATCH);
        for (const sha256 of [...new Set(digests)].sort()) {
          await lockDigest(em, sha256);
          if (await this.repo.deleteContentIfUnreferenced(sha256)) gone.push(sha256);
        }
        return digests.length;
      });
      // Files go after the rows are committed, under the digest's lock, unless stored again meanwhile.
      for (const sha256 of gone) await this.tx.run(async (em) => {
        await lockDigest(em, sha256);
        await this.storage.discard(em, sha256);
      });
      report.attachments += deleted;
      report.contents += gone.length;
      if (deleted < BATCH) break;
    }
    return report;
  }
}
