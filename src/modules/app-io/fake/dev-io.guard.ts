import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../config';
import { DomainException } from '../../../common';

/**
 * /dev-io exists only with DEV_IO_ENABLED (never in production: the config refuses it). Its API
 * (/dev-io/api/v1/...) requires Ocp-Apim-Subscription-Key when APP_IO_API_KEY is set, answering 401
 * as IO does; the inbox page and the test controls do not.
 */
@Injectable()
export class DevIoGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!this.config.DEV_IO_ENABLED) throw new DomainException('DEV_IO_DISABLED', 'not-found', 'Non trovato');
    const expected = this.config.APP_IO_API_KEY;
    if (!req.path.startsWith('/dev-io/api/') || !expected) return true;
    const given = Buffer.from(String(req.headers['ocp-apim-subscription-key'] ?? ''));
    const want = Buffer.from(expected);
    if (given.length === want.length && timingSafeEqual(given, want)) return true;
    const res = context.switchToHttp().getResponse<Response>();
    res.status(401).type('application/problem+json').json({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'missing or wrong Ocp-Apim-Subscription-Key' });
    return false;
  }
}
