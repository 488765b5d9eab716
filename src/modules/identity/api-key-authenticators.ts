import { Injectable } from '@nestjs/common';
import type { ServicePrincipal } from './principal';

/** Bearer credentials starting with this are API keys of service accounts, not JWTs. */
export const API_KEY_PREFIX = 'sk_';

/** Resolves an API key to its service account, or null when the key is unknown, revoked or disabled. */
export type ApiKeyAuthenticator = (key: string) => Promise<ServicePrincipal | null>;

/**
 * Where the module that owns service accounts plugs its key check into the global guard
 * (identity depends on no feature module). Without one, API keys are refused.
 */
@Injectable()
export class ApiKeyAuthenticators {
  private authenticator?: ApiKeyAuthenticator;

  use(authenticator: ApiKeyAuthenticator): void {
    if (this.authenticator) throw new Error('an API key authenticator is already registered');
    this.authenticator = authenticator;
  }

  async authenticate(key: string): Promise<ServicePrincipal | null> {
    return this.authenticator ? this.authenticator(key) : null;
  }
}
