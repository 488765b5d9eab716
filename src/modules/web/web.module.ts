import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { localSecret } from '../../common';
import { APP_CONFIG, AppConfig } from '../../config';
import { Transactions } from '../../database';
import { CatalogueModule } from '../catalogue';
import { DevLoginController } from './dev-login.controller';
import { InfoPagesController } from './info-pages.controller';
import { PageGuard } from './page-auth';
import { PgSessionStore } from './pg-session.store';
import { WebMaintenanceService } from './web-maintenance.service';
import { SESSION_SECRET } from './web.tokens';

/** The web layer the portal and the console share: sessions, login, footer pages. */
@Module({
  imports: [CatalogueModule],
  controllers: [DevLoginController, InfoPagesController],
  providers: [
    {
      provide: SESSION_SECRET,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): string => {
        if (config.SESSION_SECRET) return config.SESSION_SECRET;
        if (config.NODE_ENV === 'production') throw new Error('SESSION_SECRET: required when NODE_ENV=production');
        // Every process of this machine signs session cookies alike (a session made on one worker is valid on the others).
        return localSecret(join(config.DATA_DIR, 'keys'), 'session.key');
      },
    },
    { provide: PgSessionStore, inject: [Transactions, APP_CONFIG], useFactory: (tx: Transactions, c: AppConfig) => new PgSessionStore(tx, c.SESSION_TTL_S * 1000) },
    PageGuard,
    WebMaintenanceService,
  ],
  exports: [PgSessionStore, PageGuard],
})
export class WebModule {}
