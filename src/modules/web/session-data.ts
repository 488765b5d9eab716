import type { Principal } from '../identity';

declare module 'express-session' {
  interface SessionData {
    /** Who is logged in on the pages; the same principal types as the API's bearer tokens. */
    principal?: Principal;
    /**
     * The staff login's second factor (TOTP) was given in this session. Administration pages
     * require it. The development login (refused in production) stands in for the full login and sets it too.
     */
    secondFactor?: boolean;
    /** Synchronizer token every unsafe page request must echo (form field `_csrf` or header `X-CSRF-Token`). */
    csrfToken?: string;
    /** Where logout sends the browser after the local session ends: the identity provider's end-session URL. */
    endSessionUrl?: string;
  }
}

export {};
