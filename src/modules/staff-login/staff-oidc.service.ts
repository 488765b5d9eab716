import { Inject, Injectable, Logger } from '@nestjs/common';
import type * as Oidc from 'openid-client';
import { APP_CONFIG, AppConfig } from '../../config';
import { relyingPartyKey, signingCryptoKey } from '../identity';

/** openid-client is ESM-only: required on first use (Node's require(esm)), never while jest composes an app. */
const oidc = (): typeof Oidc => require('openid-client') as typeof Oidc;

export const STAFF_OIDC_START_PATH = '/accesso/personale/oidc';
export const STAFF_OIDC_CALLBACK_PATH = '/accesso/personale/oidc/ritorno';

/** What the session keeps between the redirect to the Comune's provider and its answer. */
export interface PendingStaffOidcLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  ritorno: string;
  since: number;
}

/** Who the Comune's provider says logged in: the username claim, and whether it asserted a second factor. */
export type StaffOidcAnswer = { ok: true; username: string; mfa: boolean } | { ok: false; reason: string };

/**
 * The staff login's relying party towards the Comune's own OpenID Connect provider (STAFF_OIDC_*):
 * authorization code + PKCE S256, state and nonce, the ID token's signature checked against the
 * provider's JWKS (RS256), claims from the ID token and userinfo. The client authenticates with
 * its secret when one is configured, otherwise with private_key_jwt (the relying party's key).
 * A second factor counts as asserted when `amr` contains `mfa` or `otp` (RFC 8176 values).
 */
@Injectable()
export class StaffOidcService {
  private readonly logger = new Logger('StaffOidc');
  private discovered?: Promise<Oidc.Configuration>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.STAFF_OIDC_ISSUER && this.config.STAFF_OIDC_CLIENT_ID);
  }

  get label(): string {
    return this.config.STAFF_OIDC_LABEL;
  }

  private async clientAuth(): Promise<Oidc.ClientAuth> {
    if (this.config.STAFF_OIDC_CLIENT_SECRET) return oidc().ClientSecretBasic(this.config.STAFF_OIDC_CLIENT_SECRET);
    const key = relyingPartyKey(this.config);
    return oidc().PrivateKeyJwt({ key: await signingCryptoKey(key), kid: key.privateJwk.kid });
  }

  private configuration(): Promise<Oidc.Configuration> {
    if (!this.discovered) {
      const issuer = this.config.STAFF_OIDC_ISSUER ?? '';
      const insecure = issuer.startsWith('http://') && this.config.NODE_ENV !== 'production';
      const discovering = this.clientAuth().then((auth) =>
        oidc().discovery(new URL(issuer), this.config.STAFF_OIDC_CLIENT_ID ?? '', { id_token_signed_response_alg: 'RS256' }, auth, {
          execute: insecure ? [oidc().allowInsecureRequests, oidc().enableNonRepudiationChecks] : [oidc().enableNonRepudiationChecks],
          timeout: 10,
        }),
      );
      discovering.catch(() => (this.discovered = undefined));
      this.discovered = discovering;
    }
    return this.discovered;
  }

  /** The provider's authorization URL and what the session must keep; null when the provider cannot be reached. */
  async begin(ritorno: string): Promise<{ url: string; pending: PendingStaffOidcLogin } | null> {
    let config: Oidc.Configuration;
    try {
      config = await this.configuration();
    } catch (e) {
      this.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'staff provider discovery failed');
      return null;
    }
    const codeVerifier = oidc().randomPKCECodeVerifier();
    const pending: PendingStaffOidcLogin = { state: oidc().randomState(), nonce: oidc().randomNonce(), codeVerifier, ritorno, since: Date.now() };
    const url = oidc().buildAuthorizationUrl(config, {
      redirect_uri: `${this.config.PUBLIC_BASE_URL}${STAFF_OIDC_CALLBACK_PATH}`,
      scope: 'openid profile email',
      code_challenge: await oidc().calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
      prompt: 'login',
    });
    return { url: url.href, pending };
  }

  /** Checks the provider's answer against the pending login and reads the username claim. */
  async complete(callbackUrl: URL, pending: PendingStaffOidcLogin): Promise<StaffOidcAnswer> {
    try {
      const config = await this.configuration();
      const tokens = await oidc().authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) return { ok: false, reason: 'no id token' };
      // Userinfo when the provider has one (its claims may add the username); the ID token's claims win.
      const userinfo = config.serverMetadata().userinfo_endpoint ? await oidc().fetchUserInfo(config, tokens.access_token, claims.sub) : {};
      const all: Record<string, unknown> = { ...userinfo, ...claims };
      const username = all[this.config.STAFF_OIDC_USERNAME_CLAIM];
      if (typeof username !== 'string' || !username) return { ok: false, reason: `claim ${this.config.STAFF_OIDC_USERNAME_CLAIM} missing` };
      const amr = Array.isArray(claims.amr) ? claims.amr.map(String) : [];
      return { ok: true, username, mfa: amr.includes('mfa') || amr.includes('otp') };
    } catch (e) {
      const reason = e instanceof Error ? `${e.name}: ${(e as { code?: string }).code ?? ''} ${e.message}` : String(e);
      return { ok: false, reason };
    }
  }
}
