import { Global, Inject, Module } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { APP_CONFIG, AppConfig } from '../config';
import { safeError } from './safe-error';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
export type AppLogger = Logger;

/** Fields that hold secrets or personal data, wherever they appear one or two levels deep. */
const SENSITIVE = [
  'fiscalCode', 'codiceFiscale', 'citizenFiscalCode', 'citizen_fiscal_code', 'fiscal_number',
  'givenName', 'familyName', 'given_name', 'family_name', 'nome', 'cognome', 'citizenName', 'citizen_name',
  'email', 'citizenEmail', 'citizen_email', 'data', 'formData', 'richiedente', 'parameters', 'query',
  'token', 'password', 'authorization', 'cookie',
];
export const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]',
  ...SENSITIVE.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

/** pino options: personal data and secrets redacted, errors logged through safeError (no SQL parameters). */
export const pinoOptions = (level: string): pino.LoggerOptions => ({
  level,
  redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  serializers: { err: safeError, error: safeError },
});

/** One structured pino logger for the process; secrets and personal data redacted. */
@Global()
@Module({
  providers: [
    {
      provide: ROOT_LOGGER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Logger =>
        pino(pinoOptions(config.LOG_LEVEL)),
    },
  ],
  exports: [ROOT_LOGGER],
})
export class LoggingModule {
  constructor(@Inject(ROOT_LOGGER) readonly logger: Logger) {}
}
