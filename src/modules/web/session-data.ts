import type { Principal } from '../identity';

declare module 'express-session' {
  interface SessionData {
    /** Who is logged in on the pages; the same principal types as the API's bearer tokens. */
    principal?: Principal;
    /** Synchronizer token every unsafe page request must echo (form field `_csrf` or header `X-CSRF-Token`). */
    csrfToken?: string;
    /** Where logout sends the browser after the local session ends: the identity provider's end-session URL. */
    endSessionUrl?: string;
  }
}

export {};
