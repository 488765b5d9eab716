import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { DomainException } from '../../../common';
import { APP_CONFIG, AppConfig } from '../../../config';
import { AnprUnauthorizedException } from '../anpr.exceptions';
import { ANPR_MESSAGES as M } from '../anpr.messages';
import { devAnprEnabled } from './fake-anpr';

/**
 * /dev-anpr exists with ANPR_ADAPTER=fake or DEV_ANPR_ENABLED (never in production: the config
 * refuses both). Its API (`/dev-anpr/api/...`) wants `Authorization: Bearer <ANPR_BEARER_TOKEN>`
 * when one is configured, as ANPR wants the PDND voucher; the registry page does not.
 */
@Injectable()
export class DevAnprGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!devAnprEnabled(this.config)) throw new DomainException('DEV_ANPR_DISABLED', 'not-found', M.disabled);
    if (!req.path.startsWith('/dev-anpr/api/')) return true;
    const expected = this.config.ANPR_BEARER_TOKEN;
    if (!expected) return true;
    const given = Buffer.from(String(req.headers.authorization ?? ''));
    const want = Buffer.from(`Bearer ${expected}`);
    if (given.length !== want.length || !timingSafeEqual(given, want)) throw new AnprUnauthorizedException();
    return true;
  }
}
