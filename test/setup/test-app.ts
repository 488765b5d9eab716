import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { AppConfig } from '../../src/config';
import { Principal, TokenService } from '../../src/modules/identity';

export interface TestApp {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  token(principal: Principal): Promise<string>;
  close(): Promise<void>;
}

/** The whole application, in-process, with the shipped catalogue, as `npm start` wires it. */
export async function startTestApp(config: AppConfig): Promise<TestApp> {
  // abortOnError off: a boot that fails (or outlives a timed-out hook) throws in its own test file
  // instead of Nest calling process.exit(1) and ending the whole jest run.
  const app = await NestFactory.create(AppModule.forConfig(config), { logger: false, bodyParser: false, abortOnError: false });
  configureApp(app, config);
  await app.init();
  const tokens = app.get(TokenService);
  return {
    app,
    http: () => request(app.getHttpServer()),
    token: (p) => tokens.issue(p),
    close: () => app.close(),
  };
}
