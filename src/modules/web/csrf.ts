import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { WebCsrfInvalidException } from './web.exceptions';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The session's synchronizer token, created on first use. */
export function csrfTokenOf(req: Request): string {
  if (!req.session.csrfToken) req.session.csrfToken = randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

/**
 * Every unsafe request to a page route must carry the session's token, in the form field `_csrf`
 * or the `X-CSRF-Token` header (page scripts); otherwise it stops here, before any handler runs.
 */
export function csrfMiddleware(req: Request, _res: Response, next: NextFunction): void {
  if (SAFE.has(req.method)) return next();
  const expected = req.session?.csrfToken;
  const body = req.body as Record<string, unknown> | undefined;
  const sent = req.get(CSRF_HEADER) ?? (typeof body?.[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : undefined);
  if (!expected || !sent || !sameToken(expected, sent)) return next(new WebCsrfInvalidException());
  next();
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
