import type { Principal } from '../identity';

declare module 'express-session' {
  interface SessionData {
    /** Password checked, second factor still to give: not logged in yet. `secretEnc` while enrolling. */
    staffPending?: { principal: Principal; since: number; ritorno: string; secretEnc?: string };
  }
}

export {};
