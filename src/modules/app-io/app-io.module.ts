import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config';
import { AppIoHttpAdapter } from './app-io-http.adapter';
import { APP_IO_PORT, AppIoPort } from './app-io.port';
import { DevIoController } from './fake/dev-io.controller';
import { DevIoGuard } from './fake/dev-io.guard';
import { FakeAppIo } from './fake/fake-app-io';

/**
 * App IO: APP_IO_PORT is the HTTP adapter, aimed at api.io.pagopa.it (APP_IO_API_BASE_URL) or at
 * this app's development IO (/dev-io, DEV_IO_ENABLED); null when neither is configured (e-mail only).
 */
@Module({
  controllers: [DevIoController],
  providers: [
    FakeAppIo,
    DevIoGuard,
    {
      provide: APP_IO_PORT,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig): AppIoPort | null =>
        c.appIoBaseUrl ? new AppIoHttpAdapter({ baseUrl: c.appIoBaseUrl, apiKey: c.APP_IO_API_KEY, timeoutMs: c.APP_IO_TIMEOUT_MS }) : null,
    },
  ],
  exports: [APP_IO_PORT, FakeAppIo],
})
export class AppIoModule {}
