import type { ExecutionContext } from '@nestjs/common';
import { attachPrincipal, DEMO_ADMINS, DEMO_ANALYSTS, Principal } from '../identity';
import { AdminSessionGuard } from './admin-session.guard';

const contextOf = (principal: Principal | undefined, secondFactor: boolean | undefined): ExecutionContext => {
  const req = { session: { secondFactor }, headers: {} } as unknown as Parameters<typeof attachPrincipal>[0];
  if (principal) attachPrincipal(req, principal);
  return { switchToHttp: () => ({ getRequest: () => req }) } as unknown as ExecutionContext;
};

describe('AdminSessionGuard', () => {
  const guard = new AdminSessionGuard();

  it('given an admin whose session gave the second factor, when checked, then the page opens', () => {
    expect(guard.canActivate(contextOf(DEMO_ADMINS[0], true))).toBe(true);
  });

  it('given an admin session without the second factor, when checked, then it is refused with the reason', () => {
    expect(() => guard.canActivate(contextOf(DEMO_ADMINS[0], undefined))).toThrow(/verifica in due passaggi/);
  });

  it('given nobody or another kind of staff, when checked, then login is asked or access refused', () => {
    expect(() => guard.canActivate(contextOf(undefined, true))).toThrow(expect.objectContaining({ code: 'WEB_LOGIN_REQUIRED' }));
    expect(() => guard.canActivate(contextOf(DEMO_ANALYSTS[0], true))).toThrow(expect.objectContaining({ code: 'WEB_FORBIDDEN' }));
  });
});
