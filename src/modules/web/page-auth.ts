import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { principalOf, PrincipalKind, Public } from '../identity';
import { WebForbiddenException, WebLoginRequiredException } from './web.exceptions';

const PAGE_KINDS = 'web:page-kinds';

/** Checks the session principal of a page route against the kinds `@Page(...)` names. */
@Injectable()
export class PageGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const kinds = this.reflector.getAllAndOverride<PrincipalKind[] | undefined>(PAGE_KINDS, [context.getHandler(), context.getClass()]);
    if (!kinds || kinds.length === 0) return true;
    const principal = principalOf(context.switchToHttp().getRequest());
    if (!principal) throw new WebLoginRequiredException();
    if (!kinds.includes(principal.kind)) throw new WebForbiddenException();
    return true;
  }
}

/**
 * A page route: no bearer token (the API guard lets it through), the principal comes from the
 * session. With kinds, only those principals may open it; nobody logged in goes to the login page.
 */
export const Page = (...kinds: PrincipalKind[]): MethodDecorator & ClassDecorator =>
  applyDecorators(Public(), SetMetadata(PAGE_KINDS, kinds), UseGuards(PageGuard));
