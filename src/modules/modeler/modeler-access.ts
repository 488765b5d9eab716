import { applyDecorators, CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { IdentityForbiddenException, IdentityUnauthenticatedException, principalOf, Public } from '../identity';
import type { Principal } from '../identity';

/**
 * The one place that decides who may use the modeler (its pages and its `/modeler/api`): analysts.
 * The principal is whatever the platform attached to the request: today a bearer token (the API
 * guard reads one on public routes too); once the portal's web layer is merged, its session
 * middleware attaches the session principal the same way. At that merge, `ModelerAccess` may
 * become the portal's `Page('analyst')` (same effect, plus its login redirect).
 */
@Injectable()
export class ModelerAccessGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const principal = principalOf(context.switchToHttp().getRequest<Request>());
    if (!principal) throw new IdentityUnauthenticatedException('missing');
    if (principal.kind !== 'analyst') throw new IdentityForbiddenException();
    return true;
  }
}

export const ModelerAccess = (): MethodDecorator & ClassDecorator => applyDecorators(Public(), UseGuards(ModelerAccessGuard));

/** The analyst's user id on a request the guard let through, for `updated_by`. */
export const analystOf = (req: Request): string => {
  const principal: Principal | undefined = principalOf(req);
  if (principal?.kind !== 'analyst') throw new IdentityForbiddenException();
  return principal.userId;
};
