import 'reflect-metadata';
import cluster from 'node:cluster';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigValidationError, loadConfig } from './config';
import { configureApp } from './app.setup';
import { AppModule } from './app.module';
import { runPrimary } from './cluster-primary';

function configOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigValidationError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

async function bootstrap(config: AppConfig): Promise<void> {
  const app = await NestFactory.create(AppModule.forConfig(config), { bufferLogs: false, bodyParser: false, logger: ['error', 'warn'] });
  configureApp(app, config);
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  const { port } = app.getHttpServer().address() as { port: number };
  const worker = cluster.isWorker ? ` (worker ${process.pid})` : '';
  process.stdout.write(`Sportello listening on http://${config.HOST}:${port}${worker} (${config.DATABASE_URL ? 'PostgreSQL' : `PGlite at ${config.pgliteDir}`})\n`);
}

const config = configOrExit();
if (cluster.isPrimary && config.webConcurrency > 1) {
  runPrimary(config.webConcurrency);
} else {
  bootstrap(config).catch((e: unknown) => {
    process.stderr.write(`Start-up failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
