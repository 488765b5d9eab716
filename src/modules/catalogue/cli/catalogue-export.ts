import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { relative } from 'node:path';
import { AppModule } from '../../../app.module';
import { ConfigValidationError, loadConfig } from '../../../config';
import { CatalogueService } from '../catalogue.service';

/**
 * `npm run catalogue:export`: writes the procedures and forms in force in the database (published from
 * the modeler) back to processes/ and forms/, so git stays the source of truth. It uses the configured
 * database (DATABASE_URL or PGLITE_DIR, as `npm start`), loads nothing and runs no scheduler; on PGlite
 * stop the app first (one process owns the data directory).
 */
async function main(): Promise<number> {
  const config = loadConfig({ ...process.env, CATALOGUE_LOAD: 'false', SCHEDULER_ENABLED: 'false', WEB_CONCURRENCY: '1', LOG_LEVEL: 'error' });
  const app = await NestFactory.createApplicationContext(AppModule.forConfig(config), { logger: ['error'] });
  try {
    const { written, unchanged } = await app.get(CatalogueService).exportFiles();
    for (const path of written) process.stdout.write(`written ${relative(process.cwd(), path)}\n`);
    process.stdout.write(`catalogue exported: ${written.length} file(s) written, ${unchanged} unchanged\n`);
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigValidationError ? error.message : `catalogue export failed: ${error instanceof Error ? error.message : String(error)}`}\n`);
    process.exit(1);
  },
);
