import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '../../config';
import { API_KEY_PREFIX, ApiKeyAuthenticators } from './api-key-authenticators';
import { IS_PUBLIC, ROLES } from './auth.decorators';
import { IdentityForbiddenException, IdentityUnauthenticatedException } from './identity.exceptions';
import { CallerKind, Principal } from './principal';
import { attachPrincipal } from './request-principal';
import { matchesAny, ROUTE_RULES, RouteRules } from './route-rules';
import { TokenVerifier } from './token-verifier';

/**
 * Global guard: every HTTP route needs a valid bearer JWT unless it is `@Public()` or matches a
 * public route rule; `@Roles(...)` restricts the principal kinds. The raw token is never logged.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(ROUTE_RULES) private readonly rules: RouteRules,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly apiKeys: ApiKeyAuthenticators,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const targets = [context.getHandler(), context.getClass()];
    const path = routePathOf(req);
    const token = bearerOf(req);

    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) || matchesAny(this.rules.public, req.method, path)) {
      // A token on a public route is a bonus (personalised answers), never a reason to refuse.
      if (token) await this.authenticate(req, token).catch(() => undefined);
      return true;
    }
    const adminTokenRoute = matchesAny(this.rules.adminToken, req.method, path);
    if (adminTokenRoute && token && this.isAdminApiToken(token)) return true;
    if (!token) throw this.refuse(req, new IdentityUnauthenticatedException('missing'));
    const principal = await this.authenticate(req, token);
    const roles: CallerKind[] | undefined = adminTokenRoute
      ? ['admin']
      : this.reflector.getAllAndOverride<CallerKind[] | undefined>(ROLES, targets);
    if (roles && roles.length > 0 && !roles.includes(principal.kind)) {
      throw this.refuse(req, new IdentityForbiddenException(), principal);
    }
    return true;
  }

  private async authenticate(req: Request, token: string): Promise<Principal> {
    try {
      // API keys are checked in the database on every call: a revoked key fails at once on every process.
      const principal = token.startsWith(API_KEY_PREFIX) ? await this.apiKeys.authenticate(token) : await this.verifier.verify(token);
      if (!principal) throw new IdentityUnauthenticatedException('api-key');
      attachPrincipal(req, principal);
      return principal;
    } catch (e) {
      throw this.refuse(req, e);
    }
  }

  private isAdminApiToken(token: string): boolean {
    const expected = this.config.ADMIN_API_TOKEN;
    return Boolean(expected) && token.length === expected!.length && timingSafeEqual(Buffer.from(token), Buffer.from(expected!));
  }

  private refuse(req: Request, error: unknown, principal?: Principal): unknown {
    const reason =
      error instanceof IdentityUnauthenticatedException ? error.reason : error instanceof IdentityForbiddenException ? 'forbidden' : 'error';
    this.logger.debug({ reason, method: req.method, path: req.originalUrl.split('?')[0], kind: principal?.kind });
    return error;
  }
}

function bearerOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** The route template Nest matched (`/api/v1/procedures/:key`), else the request path. */
function routePathOf(req: Request): string {
  const template = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof template === 'string') return template;
  return (req.originalUrl ?? req.url).split('?')[0];
}
