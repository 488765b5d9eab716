import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { CatalogueModule } from '../catalogue';
import { StaffLoginModule } from '../staff-login';
import { WebModule } from '../web';
import { AdminPagesController } from './admin-pages.controller';
import { AdminSessionGuard } from './admin-session.guard';
import { AdminService } from './admin.service';

/** Administration pages: staff users, offices and memberships, the audit trail (admins with TOTP). */
@Module({
  imports: [WebModule, CatalogueModule, AuditModule, StaffLoginModule],
  controllers: [AdminPagesController],
  providers: [AdminService, AdminSessionGuard],
})
export class AdminModule {}
