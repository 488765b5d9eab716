import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';
import { ConnectionTarget } from './data-source.options';
import { EmbeddedPostgres } from './embedded-postgres';

/** Where the database is: PostgreSQL from DATABASE_URL, or an embedded PGlite started here. */
@Injectable()
export class DatabaseTarget implements OnApplicationShutdown {
  private embeddedDb?: EmbeddedPostgres;
  private resolved?: ConnectionTarget;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async resolve(): Promise<ConnectionTarget> {
    if (this.resolved) return this.resolved;
    if (this.config.DATABASE_URL) {
      this.resolved = { url: this.config.DATABASE_URL, embedded: false };
    } else {
      this.embeddedDb = await EmbeddedPostgres.start(this.config.pgliteDir, this.config.PGLITE_TEMPLATE);
      this.resolved = { ...this.embeddedDb.connection(), embedded: true };
    }
    return this.resolved;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embeddedDb?.stop();
    this.embeddedDb = undefined;
  }
}
