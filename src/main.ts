import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigValidationError, loadConfig } from './config';
import { configureApp } from './app.setup';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigValidationError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const app = await NestFactory.create(AppModule.forConfig(config), { bufferLogs: false, bodyParser: false, logger: ['error', 'warn'] });
  configureApp(app, config);
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  process.stdout.write(`Sportello listening on http://${config.HOST}:${config.PORT} (${config.DATABASE_URL ? 'PostgreSQL' : `PGlite at ${config.pgliteDir}`})\n`);
}

bootstrap().catch((e: unknown) => {
  process.stderr.write(`Start-up failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
