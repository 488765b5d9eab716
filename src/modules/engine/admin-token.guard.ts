import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { DomainException } from '../../common';
import { APP_CONFIG, AppConfig } from '../../config';

/**
 * Admin endpoints need `Authorization: Bearer <ADMIN_API_TOKEN>`. Without a configured token
 * they are closed. (Principals with roles replace this when identity lands.)
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.ADMIN_API_TOKEN;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!given) throw new DomainException('ENGINE_ADMIN_UNAUTHENTICATED', 'unauthenticated', 'Autenticazione richiesta');
    if (!expected || given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      throw new DomainException('ENGINE_ADMIN_FORBIDDEN', 'forbidden', 'Operazione riservata agli amministratori');
    }
    return true;
  }
}
