import { Inject, Injectable, Logger } from '@nestjs/common';
import type * as Oidc from 'openid-client';
import { APP_CONFIG, AppConfig, CitizenProviderConfig } from '../../config';
import { CITIZEN_AUTH_MESSAGES as M } from './citizen-auth.messages';
import { CitizenLoginFailedException, CitizenLoginInvalidInputException, CitizenProviderUnavailableException } from './citizen-auth.exceptions';
import { CitizenIdentity, identityFromClaims } from './citizen-identity';
import { acrOf, AuthLevel, levelOfAcr } from './citizen-levels';
import { CALLBACK_PATH, citizenProviders, LOGGED_OUT_PATH } from './citizen-providers';
import { RelyingPartyKey, relyingPartyKey, signingCryptoKey } from '../identity';

/**
 * openid-client is ESM-only: Node (>= 20.19) loads it from CommonJS with require(esm), jest's CommonJS
 * runtime cannot. Loaded on first use, so apps composed in jest (which never log citizens in) still start.
 */
const oidc = (): typeof Oidc => require('openid-client') as typeof Oidc;

/** What the session keeps between the redirect to the provider and its answer. */
export interface PendingCitizenLogin {
  provider: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  level: AuthLevel;
  returnTo: string;
}

/**
 * The `CitizenAuth` port's OpenID Connect adapter: openid-client as relying party towards SPID/CIE
 * providers (or a broker). Authorization code + PKCE S256, state and nonce checked, ID token
 * signature (JWKS), issuer, audience, expiry and `alg` (RS256 only) checked by openid-client; claims from the ID token and userinfo.
 */
@Injectable()
export class OidcRelyingPartyService {
  private readonly logger = new Logger('CitizenOidc');
  private readonly discovered = new Map<string, Promise<Oidc.Configuration>>();
  private rpKey?: RelyingPartyKey;
  private cryptoKey?: Promise<Oidc.CryptoKey>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  providers(): CitizenProviderConfig[] {
    return citizenProviders(this.config);
  }

  /** Our signing key (request objects, client assertions), as openid-client takes it. */
  private async signingKey(): Promise<Oidc.PrivateKey> {
    this.rpKey ??= relyingPartyKey(this.config);
    this.cryptoKey ??= signingCryptoKey(this.rpKey);
    return { key: await this.cryptoKey, kid: this.rpKey.privateJwk.kid };
  }

  private async clientAuth(p: CitizenProviderConfig): Promise<Oidc.ClientAuth> {
    if (p.tokenAuth === 'client_secret_basic') return oidc().ClientSecretBasic(p.clientSecret ?? '');
    return oidc().PrivateKeyJwt(await this.signingKey());
  }

  private provider(id: string): CitizenProviderConfig {
    const found = this.providers().find((p) => p.id === id);
    if (!found) throw new CitizenLoginInvalidInputException(M.unknownProvider, [{ field: 'provider', message: M.unknownProvider }]);
    return found;
  }

  private configuration(p: CitizenProviderConfig): Promise<Oidc.Configuration> {
    let cached = this.discovered.get(p.id);
    if (!cached) {
      const insecure = p.issuer.startsWith('http://') && this.config.NODE_ENV !== 'production';
      cached = this.clientAuth(p).then((auth) =>
        oidc().discovery(new URL(p.issuer), p.clientId, { id_token_signed_response_alg: 'RS256' }, auth, {
          // Signature of every ID token checked against the provider's JWKS, even from the token endpoint (non-repudiation).
          execute: insecure ? [oidc().allowInsecureRequests, oidc().enableNonRepudiationChecks] : [oidc().enableNonRepudiationChecks],
          timeout: 10,
        }),
      );
      cached.catch(() => this.discovered.delete(p.id));
      this.discovered.set(p.id, cached);
    }
    return cached.catch((e: unknown) => {
      this.logger.warn({ provider: p.id, err: e instanceof Error ? e.message : String(e) }, 'discovery failed');
      throw new CitizenProviderUnavailableException();
    });
  }

  /**
   * The provider's authorization URL and what the session must keep to check its answer. The
   * parameters travel as a request object signed with our key (SPID/CIE OIDC federation), so the
   * URL carries only `client_id` and `request`.
   */
  async begin(providerId: string, level: AuthLevel, returnTo: string): Promise<{ url: string; pending: PendingCitizenLogin }> {
    const p = this.provider(providerId);
    const config = await this.configuration(p);
    const codeVerifier = oidc().randomPKCECodeVerifier();
    const pending: PendingCitizenLogin = { provider: p.id, state: oidc().randomState(), nonce: oidc().randomNonce(), codeVerifier, level, returnTo };
    const url = await oidc().buildAuthorizationUrlWithJAR(config, {
      redirect_uri: this.redirectUri(),
      scope: 'openid profile email',
      code_challenge: await oidc().calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
      acr_values: acrOf(level),
      prompt: 'login',
    }, await this.signingKey());
    return { url: url.href, pending };
  }

  /** Checks the provider's answer (the callback URL) against the pending login; the identity and where logout must go. */
  async complete(callbackUrl: URL, pending: PendingCitizenLogin): Promise<{ identity: CitizenIdentity; endSessionUrl: string | null }> {
    const p = this.provider(pending.provider);
    const config = await this.configuration(p);
    let tokens: Oidc.TokenEndpointResponse & Oidc.TokenEndpointResponseHelpers;
    let userinfo: Oidc.UserInfoResponse;
    try {
      tokens = await oidc().authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('no id token');
      userinfo = await oidc().fetchUserInfo(config, tokens.access_token, claims.sub);
    } catch (e) {
      const reason = e instanceof Error ? `${e.name}: ${(e as { code?: string }).code ?? ''} ${e.message}` : String(e);
      this.logger.warn({ provider: p.id, reason }, 'citizen login refused');
      throw new CitizenLoginFailedException(M.loginFailed, reason);
    }
    const claims = tokens.claims() as Record<string, unknown>;
    const level = levelOfAcr(claims.acr);
    if (!level) throw new CitizenLoginFailedException(M.loginFailed, 'acr');
    const identity = identityFromClaims({ ...userinfo, ...claims }, level, p);
    if ('problem' in identity) {
      this.logger.warn({ provider: p.id, claim: identity.problem }, 'citizen login refused: claim');
      throw new CitizenLoginFailedException(M.badIdentity, identity.problem);
    }
    const metadata = config.serverMetadata();
    const endSessionUrl = metadata.end_session_endpoint
      ? oidc().buildEndSessionUrl(config, { id_token_hint: tokens.id_token ?? '', post_logout_redirect_uri: `${this.config.PUBLIC_BASE_URL}${LOGGED_OUT_PATH}` }).href
      : null;
    return { identity, endSessionUrl };
  }

  private redirectUri(): string {
    return `${this.config.PUBLIC_BASE_URL}${CALLBACK_PATH}`;
  }
}
