export { StaffLoginModule } from './staff-login.module';
export { StaffLoginService } from './staff-login.service';
export { hotp, totpStep, verifyTotp } from './totp';
