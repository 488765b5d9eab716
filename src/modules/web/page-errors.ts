import type { Request, Response } from 'express';
import type { ProblemDetails } from '../../common';
import { WEB_MESSAGES as M } from './web.messages';

/** Is this request a browser asking for a page (not the API, not a script asking for JSON)? */
export function wantsPage(req: Request): boolean {
  const path = req.originalUrl ?? req.url;
  if (path.startsWith('/api') || path.startsWith('/health') || path.startsWith('/static/')) return false;
  return req.accepts(['json', 'html']) === 'html';
}

/** Local, safe return path: starts with one '/', no scheme, no backslash. */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 500) return undefined;
  return /^\/(?![/\\])[^\\\s]*$/.test(value) ? value : undefined;
}

/** Errors on pages: the login page for 401, else an Italian error page with the same status. */
export function renderPageError(problem: ProblemDetails, req: Request, res: Response): void {
  if (problem.status === 401 && req.method === 'GET') {
    res.redirect(303, `/accesso?ritorno=${encodeURIComponent(safeReturnPath(req.originalUrl) ?? '/')}`);
    return;
  }
  const text = M.errors[problem.status] ?? M.errors[500];
  res.status(problem.status).render('web/error', {
    title: text.title,
    status: problem.status,
    heading: text.title,
    // Domain messages are written for citizens (Italian); unknown errors keep the generic text.
    detail: problem.code === 'INTERNAL' || problem.code.startsWith('HTTP_') ? text.text : problem.detail,
    errors: problem.errors ?? [],
    requestId: problem.requestId,
  });
}
