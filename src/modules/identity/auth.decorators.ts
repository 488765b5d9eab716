import { createParamDecorator, CustomDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { IdentityUnauthenticatedException } from './identity.exceptions';
import { CallerKind, Principal } from './principal';
import { principalOf } from './request-principal';

export const IS_PUBLIC = 'identity:public';
export const ROLES = 'identity:roles';

/** The route (or every route of the controller) needs no token. */
export const Public = (): CustomDecorator<string> => SetMetadata(IS_PUBLIC, true);

/** Only these principal kinds may call the route; the handler's list overrides the controller's. */
export const Roles = (...kinds: CallerKind[]): CustomDecorator<string> => SetMetadata(ROLES, kinds);

/**
 * The authenticated principal. On a public route there may be none: `@CurrentPrincipal({ optional: true })`
 * then gives `undefined`, while the plain form answers 401.
 */
export const CurrentPrincipal = createParamDecorator(
  (options: { optional?: boolean } | undefined, ctx: ExecutionContext): Principal | undefined => {
    const principal = principalOf(ctx.switchToHttp().getRequest());
    if (!principal && !options?.optional) throw new IdentityUnauthenticatedException('missing');
    return principal;
  },
);
