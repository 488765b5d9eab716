import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { COMMON_MESSAGES } from './common.messages';
import { DomainException, ErrorKind, FieldError } from './domain.exception';
import { safeError } from './safe-error';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export function statusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'too-large':
      return 413;
    case 'unprocessable':
      return 422;
    case 'rate-limited':
      return 429;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Turns any thrown value into an RFC 9457 problem document. */
export function toProblem(error: unknown, instance?: string): ProblemDetails {
  if (error instanceof DomainException) {
    const status = statusOf(error.kind);
    return {
      type: `urn:sportello:problem:${error.code}`,
      title: TITLES[status] ?? 'Error',
      status,
      detail: error.message,
      code: error.code,
      instance,
      ...(error.details.fieldErrors ? { errors: error.details.fieldErrors } : {}),
    };
  }
  // body-parser errors: malformed JSON, a body over BODY_LIMIT, an unsupported charset.
  const bodyError = error as { type?: unknown; status?: unknown };
  if (typeof bodyError?.type === 'string' && bodyError.type.startsWith('entity.') && typeof bodyError.status === 'number') {
    const status = bodyError.status;
    const detail =
      bodyError.type === 'entity.too.large'
        ? 'Il contenuto inviato supera la dimensione massima consentita'
        : bodyError.type === 'entity.parse.failed'
          ? 'Il contenuto inviato non è un JSON valido'
          : 'Il contenuto inviato non può essere letto';
    return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, code: `REQUEST_${bodyError.type.replace(/\./g, '_').toUpperCase()}`, instance };
  }
  // Safety net: a value PostgreSQL refused (class 22, data exception: bad uuid, NUL, overflow, bad date) is the client's input.
  if (sqlStateOf(error)?.startsWith('22')) {
    return { type: 'about:blank', title: TITLES[400], status: 400, detail: COMMON_MESSAGES.invalidValue, code: 'REQUEST_INVALID_VALUE', instance };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail =
      typeof body === 'string'
        ? body
        : Array.isArray((body as { message?: unknown }).message)
          ? ((body as { message: string[] }).message).join('; ')
          : String((body as { message?: unknown }).message ?? error.message);
    return {
      type: 'about:blank',
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      code: `HTTP_${status}`,
      instance,
    };
  }
  return {
    type: 'about:blank',
    title: TITLES[500],
    status: 500,
    detail: 'Errore interno. Riprovare più tardi.',
    code: 'INTERNAL',
    instance,
  };
}

/** The SQLSTATE of a pg / TypeORM error, if it is one. */
export function sqlStateOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = typeof e?.code === 'string' ? e.code : e?.driverError?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Renders errors of browser page requests as HTML (the web layer supplies it); the API keeps problem+json. */
export interface PageErrorRenderer {
  wantsPage(req: Request): boolean;
  render(problem: ProblemDetails, req: Request, res: Response): void;
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly pages?: PageErrorRenderer) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    this.respond(error, ctx.getRequest<Request>(), ctx.getResponse<Response>());
  }

  respond(error: unknown, req: Request, res: Response): void {
    const path = (req.originalUrl ?? req.url ?? '').split('?')[0];
    const problem = toProblem(error, path);
    if (problem.status >= 500) {
      const given = req.headers['x-request-id'];
      problem.requestId = typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
      // Never the raw error (SQL parameters), the query string or the body: ids and the error's shape.
      this.logger.error({ err: safeError(error), requestId: problem.requestId, method: req.method, path }, 'unhandled error');
    }
    const retryAfter = error instanceof DomainException ? error.details.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number' && retryAfter > 0) res.setHeader('Retry-After', String(Math.ceil(retryAfter)));
    if (this.pages?.wantsPage(req)) {
      try {
        return this.pages.render(problem, req, res);
      } catch (e) {
        this.logger.error({ err: e, path: req.originalUrl }, 'error page failed');
      }
    }
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}
