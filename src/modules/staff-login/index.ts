export { StaffLoginModule } from './staff-login.module';
export { hotp, totpStep, verifyTotp } from './totp';
