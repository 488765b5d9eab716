import { INestApplication } from '@nestjs/common';
import { json, NextFunction, Request, Response } from 'express';
import { AppConfig } from './config';
import { InputHygienePipe, ProblemFilter } from './common';
import { setupOpenApi } from './openapi';
import { configureWeb, PAGE_ERRORS } from './modules/web';
import { mountDevIdp } from './modules/citizen-auth';

/** Global HTTP wiring shared by main.ts and the end-to-end tests. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  app.use(json({ limit: config.BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  configureWeb(app, config);
  mountDevIdp(app);
  app.useGlobalFilters(new ProblemFilter(PAGE_ERRORS));
  app.useGlobalPipes(new InputHygienePipe());
  setupOpenApi(app);
  // Errors raised by express middleware (the JSON parser) never reach Nest's filters: answer them the same way.
  const filter = new ProblemFilter(PAGE_ERRORS);
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    filter.respond(err, req, res);
  });
}
