import type { INestApplication } from '@nestjs/common';
import express, { NextFunction, raw, Request, Response, urlencoded } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { join } from 'node:path';
import type { AppConfig } from '../../config';
import { attachPrincipal } from '../identity';
import { csrfMiddleware, csrfTokenOf } from './csrf';
import { renderPageError, wantsPage } from './page-errors';
import { PgSessionStore } from './pg-session.store';
import './session-data';
import { SESSION_SECRET } from './web.tokens';
import { createViewEngine } from './view-engine';
import { WEB_MESSAGES } from './web.messages';
import { packageDir, publicDir, templatesDir } from './web-paths';

export const SESSION_COOKIE = 'sportello.sid';

/** The page error renderer the ProblemFilter uses for browser requests. */
export const PAGE_ERRORS = { wantsPage, render: renderPageError };

// The development identity provider's protocol endpoints (/dev-idp/...) parse their own bodies; its chooser pages are pages.
// The development pagoPA (/dev-pagopa) and App IO (/dev-io) stand for external systems (their APIs and pages): never the Comune's session.
const isPagePath = (path: string): boolean =>
  !/^\/(api|health|static|dev-pagopa|dev-io)(\/|$)/.test(path) && !/^\/dev-idp(?!\/interaction\/)/.test(path);

/**
 * The web layer: security headers for every response, static assets from node_modules and
 * src/public, Handlebars views, and for page routes (not /api, which keeps bearer tokens) a
 * PostgreSQL-backed session, form parsing, CSRF, and the page principal from the session.
 */
export function configureWeb(app: INestApplication, config: AppConfig): void {
  const server = app.getHttpAdapter().getInstance() as express.Express;
  const production = config.NODE_ENV === 'production';
  server.disable('x-powered-by');
  if (production) server.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // form-js and Bootstrap Italia set style attributes from script; no inline <style> elements are served.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(production ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      frameguard: { action: 'deny' },
      hsts: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'same-origin' },
    }),
  );

  const root = templatesDir();
  server.engine('hbs', createViewEngine(root, config.NODE_ENV !== 'development'));
  server.set('views', root);
  server.set('view engine', 'hbs');

  const assets = { immutable: false, maxAge: production ? '1d' : 0, index: false, fallthrough: false } as const;
  const bootstrapItalia = join(packageDir('bootstrap-italia'), 'dist');
  for (const part of ['css', 'js', 'fonts', 'svg']) app.use(`/static/bootstrap-italia/${part}`, express.static(join(bootstrapItalia, part), assets));
  const formJs = join(packageDir('@bpmn-io/form-js'), 'dist');
  app.use('/static/form-js/form-viewer.umd.js', express.static(join(formJs, 'form-viewer.umd.js'), assets));
  app.use('/static/form-js/assets', express.static(join(formJs, 'assets'), assets));
  // The console's BPMN diagram: bpmn-js's navigated viewer and its styles, as shipped.
  const bpmnJs = join(packageDir('bpmn-js'), 'dist');
  app.use('/static/bpmn-js/bpmn-navigated-viewer.production.min.js', express.static(join(bpmnJs, 'bpmn-navigated-viewer.production.min.js'), assets));
  app.use('/static/bpmn-js/assets', express.static(join(bpmnJs, 'assets'), assets));
  app.use('/static/app', express.static(publicDir(), assets));

  // An application composed without the WebModule (API-only test apps) has no pages: no sessions either.
  const store = webStoreOf(app);
  if (!store) return;
  const sessions = session({
    name: SESSION_COOKIE,
    secret: app.get<string>(SESSION_SECRET),
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: production, maxAge: config.SESSION_TTL_S * 1000, path: '/' },
  });
  const forms = urlencoded({ extended: false, limit: config.BODY_LIMIT, parameterLimit: 200 });
  // Wizard uploads: one file as the raw body; the documents module checks size, type and counts.
  const uploads = raw({ type: () => true, limit: config.DOCUMENTS_MAX_FILE_BYTES + 1 });
  const uploadPath = /^(\/console\/cittadini\/[^/]+)?\/servizi\/[^/]+\/domanda\/(allegati|delega)$/;
  const pageOnly =
    (handler: (req: Request, res: Response, next: NextFunction) => void) =>
    (req: Request, res: Response, next: NextFunction): void =>
      isPagePath(req.path) ? handler(req, res, next) : next();
  app.use(pageOnly(sessions));
  app.use(pageOnly(forms));
  app.use(pageOnly((req, res, next) => (req.method === 'POST' && uploadPath.test(req.path) ? uploads(req, res, next) : next())));
  app.use(pageOnly(csrfMiddleware));
  app.use(
    pageOnly((req, res, next) => {
      const principal = req.session.principal;
      if (principal) attachPrincipal(req, principal);
      res.locals.comune = config.COMUNE_NAME;
      res.locals.principal = principal ?? null;
      res.locals.citizen = principal?.kind === 'citizen' ? principal : null;
      res.locals.csrfToken = csrfTokenOf(req);
      res.locals.currentPath = req.originalUrl;
      res.locals.devLogin = config.NODE_ENV !== 'production';
      res.locals.messages = WEB_MESSAGES;
      next();
    }),
  );
}

function webStoreOf(app: INestApplication): PgSessionStore | undefined {
  try {
    return app.get(PgSessionStore, { strict: false });
  } catch {
    return undefined;
  }
}
