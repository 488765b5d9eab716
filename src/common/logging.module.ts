import { Global, Inject, Module } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { APP_CONFIG, AppConfig } from '../config';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
export type AppLogger = Logger;

const REDACT = ['req.headers.authorization', 'req.headers.cookie', '*.fiscalCode', '*.codiceFiscale', '*.token'];

/** One structured pino logger for the process; secrets and fiscal codes redacted. */
@Global()
@Module({
  providers: [
    {
      provide: ROOT_LOGGER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Logger =>
        pino({ level: config.LOG_LEVEL, redact: { paths: REDACT, censor: '[redacted]' } }),
    },
  ],
  exports: [ROOT_LOGGER],
})
export class LoggingModule {
  constructor(@Inject(ROOT_LOGGER) readonly logger: Logger) {}
}
