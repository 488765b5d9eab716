import type { Principal } from '../identity';
import type { PendingStaffOidcLogin } from './staff-oidc.service';

declare module 'express-session' {
  interface SessionData {
    /** Password checked, second factor still to give: not logged in yet. `secretEnc` while enrolling. */
    staffPending?: { principal: Principal; since: number; ritorno: string; secretEnc?: string; external?: boolean };
    /** A staff login sent to the Comune's OpenID Connect provider, awaiting its answer. */
    staffOidcPending?: PendingStaffOidcLogin;
    /** Password (and code) checked, but the password is an administrator's temporary one: not logged in until changed. */
    staffPasswordChange?: { principal: Principal; since: number; ritorno: string; secondFactor: boolean };
  }
}

export {};
