import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config';
import { ANPR_PORT, AnprPort } from './anpr.port';
import { AnprHttpAdapter } from './anpr-http.adapter';
import { DevAnprController } from './fake/dev-anpr.controller';
import { DevAnprGuard } from './fake/dev-anpr.guard';
import { FakeAnpr } from './fake/fake-anpr';
import { FakeAnprRepository } from './fake/fake-anpr.repository';

/** ANPR's residence check: ANPR_PORT is the PDND HTTP adapter or the development registry (ANPR_ADAPTER). */
@Module({
  controllers: [DevAnprController],
  providers: [
    FakeAnprRepository,
    FakeAnpr,
    DevAnprGuard,
    {
      provide: ANPR_PORT,
      inject: [APP_CONFIG, FakeAnpr],
      useFactory: (c: AppConfig, fake: FakeAnpr): AnprPort =>
        c.ANPR_ADAPTER === 'fake' ? fake : new AnprHttpAdapter({ baseUrl: c.ANPR_API_BASE_URL!, bearerToken: c.ANPR_BEARER_TOKEN!, timeoutMs: c.ANPR_TIMEOUT_MS }),
    },
  ],
  exports: [ANPR_PORT, FakeAnpr],
})
export class AnprModule {}
