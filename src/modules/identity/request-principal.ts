import type { Principal } from './principal';

/** Where the guard leaves the verified principal on the request (also for other guards to read). */
export interface RequestWithPrincipal {
  principal?: Principal;
}

export const principalOf = (req: unknown): Principal | undefined =>
  typeof req === 'object' && req !== null ? (req as RequestWithPrincipal).principal : undefined;

export const attachPrincipal = (req: object, principal: Principal): void => {
  (req as RequestWithPrincipal).principal = principal;
};
