import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config';
import { OFFICE_DIRECTORY, OfficeDirectory } from '../office-directory';
import { STAFF_PRINCIPALS } from '../token-verifier';
import { LoginAttemptLimiter } from '../login-attempts';
import { StaffAuthService } from './staff-auth.service';
import { StaffDirectoryService } from './staff-directory.service';

/**
 * Staff accounts (needs the database). Global, so the token verifier finds STAFF_PRINCIPALS and
 * takes staff principals from the accounts; without this module (token-only contexts such as
 * the token CLI) tokens are verified on their own.
 */
@Global()
@Module({
  providers: [
    { provide: OFFICE_DIRECTORY, inject: [APP_CONFIG], useFactory: (config: AppConfig) => OfficeDirectory.fromProcessesDir(config.PROCESSES_DIR) },
    StaffAuthService,
    StaffDirectoryService,
    LoginAttemptLimiter,
    { provide: STAFF_PRINCIPALS, useExisting: StaffAuthService },
  ],
  exports: [StaffAuthService, StaffDirectoryService, LoginAttemptLimiter, STAFF_PRINCIPALS, OFFICE_DIRECTORY],
})
export class StaffModule {}
