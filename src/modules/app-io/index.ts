export { AppIoModule } from './app-io.module';
export { APP_IO_PORT, AppIoRejectedError, AppIoUnavailableError, IO_MESSAGE_STATUSES } from './app-io.port';
export type { AppIoPort, IoMessageStatus, IoNewMessage, IoPaymentData, IoProfile } from './app-io.port';
export { AppIoHttpAdapter } from './app-io-http.adapter';
export { IO_FISCAL_CODE, IO_LIMITS, ioRecipient, ioExtrasProblems, ioMessageBody, ioMessageProblems } from './app-io.validation';
export { APP_IO_MESSAGES } from './app-io.messages';
export { DEV_IO_ABSENT_DEMO_CITIZENS, FakeAppIo } from './fake/fake-app-io';
export type { DevIoFault, DevIoMessage } from './fake/fake-app-io';
