import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { DomainException } from '../../common';
import { APP_CONFIG, AppConfig } from '../../config';

/**
 * Admin endpoints accept an authenticated admin principal (set on the request by the identity
 * guard, which runs first) or, for operations scripts, `Authorization: Bearer <ADMIN_API_TOKEN>`.
 * Without either they are closed.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request & { principal?: { kind?: string } }>();
    if (request.principal?.kind === 'admin') return true;
    const expected = this.config.ADMIN_API_TOKEN;
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!given) throw new DomainException('ENGINE_ADMIN_UNAUTHENTICATED', 'unauthenticated', 'Autenticazione richiesta');
    if (!expected || given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      throw new DomainException('ENGINE_ADMIN_FORBIDDEN', 'forbidden', 'Operazione riservata agli amministratori');
    }
    return true;
  }
}
