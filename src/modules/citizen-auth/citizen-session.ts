import type { AuthLevel } from './citizen-levels';
import type { PendingCitizenLogin } from './oidc-relying-party.service';

declare module 'express-session' {
  interface SessionData {
    /** A citizen login on its way to the identity provider: state, nonce, PKCE verifier (server-side only). */
    citizenLoginPending?: PendingCitizenLogin;
    /** The level the identity provider vouched for (absent for the development login, refused in production). */
    citizenLevel?: AuthLevel;
  }
}

export {};
