import type { Request } from 'express';
import { IdentityForbiddenException, principalOf } from '../identity';
import type { Principal } from '../identity';
import { Page } from '../web';

/**
 * The one place that decides who may use the modeler (its pages and its `/modeler/api`): analysts,
 * from the web layer's session. Nobody logged in: pages redirect to `/accesso?ritorno=<path>`,
 * scripts (Accept: application/json) get a 401 problem; anyone else gets the Italian 403 page
 * or a 403 problem. Writes also need the session's CSRF token (the web layer checks it first).
 */
export const ModelerAccess = (): MethodDecorator & ClassDecorator => Page('analyst');

/** The analyst's user id on a request the guard let through, for `updated_by`. */
export const analystOf = (req: Request): string => {
  const principal: Principal | undefined = principalOf(req);
  if (principal?.kind !== 'analyst') throw new IdentityForbiddenException();
  return principal.userId;
};
