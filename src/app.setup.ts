import { INestApplication } from '@nestjs/common';
import { json } from 'express';
import { AppConfig } from './config';
import { ProblemFilter } from './common';

/** Global HTTP wiring shared by main.ts and the end-to-end tests. */
export function configureApp(app: INestApplication, _config: AppConfig): void {
  app.use(json({ limit: '1mb', type: ['application/json', 'application/*+json'] }));
  app.useGlobalFilters(new ProblemFilter());
}
