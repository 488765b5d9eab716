import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { principalOf } from '../identity';
import { WebForbiddenException, WebLoginRequiredException } from '../web';
import { ADMIN_MESSAGES as M } from './admin.messages';

/**
 * Administration pages need more than an admin principal: a session whose login gave the second
 * factor (TOTP). It checks the principal itself too, so it holds whatever order the guards run in.
 */
@Injectable()
export class AdminSessionGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const principal = principalOf(req);
    if (!principal) throw new WebLoginRequiredException();
    if (principal.kind !== 'admin') throw new WebForbiddenException();
    if (req.session?.secondFactor !== true) throw new WebForbiddenException(M.secondFactorRequired);
    return true;
  }
}
