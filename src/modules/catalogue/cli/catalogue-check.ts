import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../../app.module';
import { ConfigValidationError, loadConfig } from '../../../config';
import { CatalogueService } from '../catalogue.service';

/**
 * `npm run catalogue:check`: validates processes/ and forms/ without deploying. The whole app
 * boots (so every registered service-task handler is known) on a throw-away in-memory PGlite:
 * the check never touches a real database, nothing is loaded and no scheduler runs.
 */
async function main(): Promise<number> {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: undefined,
    PGLITE_DIR: 'memory://',
    CATALOGUE_LOAD: 'false',
    SCHEDULER_ENABLED: 'false',
    LOG_LEVEL: 'error',
  });
  const app = await NestFactory.createApplicationContext(AppModule.forConfig(config), { logger: ['error'] });
  try {
    const outcome = await app.get(CatalogueService).check();
    if (!outcome.ok) {
      for (const problem of outcome.problems) process.stderr.write(`${problem}\n`);
      process.stderr.write(`catalogue check failed: ${outcome.problems.length} problem(s)\n`);
      return 1;
    }
    const { procedures, forms, offices } = outcome.catalogue;
    process.stdout.write(
      `catalogue OK: ${procedures.length} procedures (${procedures.map((p) => p.key).join(', ')}), ${forms.length} forms, ${offices.length} offices\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigValidationError ? error.message : `catalogue check failed: ${error instanceof Error ? error.message : String(error)}`}\n`);
    process.exit(1);
  },
);
