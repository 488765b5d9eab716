import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { WebModule } from '../web';
import { StaffLoginController } from './staff-login.controller';
import { StaffLoginService } from './staff-login.service';
import { StaffOidcService } from './staff-oidc.service';

/** The staff login pages (password + TOTP for admins and analysts) with a login rate limit in PostgreSQL. */
@Module({
  imports: [AuditModule, WebModule],
  controllers: [StaffLoginController],
  providers: [StaffLoginService, StaffOidcService],
  exports: [StaffLoginService],
})
export class StaffLoginModule {}
