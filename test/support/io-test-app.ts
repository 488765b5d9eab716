import { AppConfig } from '../../src/config';
import { dropTestSchema, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';
import { freePort } from './app-process';
import { SmtpPeer } from './smtp-peer';

export interface IoTestApp {
  t: TestApp;
  /** http://127.0.0.1:<port>, also PUBLIC_BASE_URL: the IO adapter calls the app's own /dev-io over it. */
  base: string;
  config: AppConfig;
  smtp: SmtpPeer;
  stop(): Promise<void>;
}

/**
 * The whole app listening on a real port with the development App IO on and a real SMTP peer:
 * notices reach IO over HTTP and e-mail over SMTP, no client mocked. Delivery runs when a test calls
 * OutboxDispatcher.dispatchDue (the background loop is off).
 */
export async function startIoTestApp(overrides: Record<string, string> = {}): Promise<IoTestApp> {
  const smtp = new SmtpPeer();
  await smtp.start();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = testConfig({
    SMTP_URL: smtp.url,
    NOTIFICATIONS_ENABLED: 'false',
    DEV_IO_ENABLED: 'true',
    PUBLIC_BASE_URL: base,
    DATA_DIR: '.test-data/e2e-keys',
    ...overrides,
  });
  const t = await startTestApp(config);
  await t.app.listen(port, '127.0.0.1');
  return {
    t,
    base,
    config,
    smtp,
    stop: async () => {
      await t.close();
      await smtp.stop();
      await dropTestSchema(config);
    },
  };
}
