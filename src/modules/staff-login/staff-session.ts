import type { Principal } from '../identity';

declare module 'express-session' {
  interface SessionData {
    /** Password checked, second factor still to give: not logged in yet. `secretEnc` while enrolling. */
    staffPending?: { principal: Principal; since: number; ritorno: string; secretEnc?: string };
    /** Password (and code) checked, but the password is an administrator's temporary one: not logged in until changed. */
    staffPasswordChange?: { principal: Principal; since: number; ritorno: string; secondFactor: boolean };
  }
}

export {};
