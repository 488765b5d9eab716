export { AdminModule } from './admin.module';
export { ADMIN_MESSAGES } from './admin.messages';
export { AdminSessionGuard } from './admin-session.guard';
