import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config';
import { IdentityDevTokensDisabledException, IdentityInvalidPrincipalException } from './identity.exceptions';
import { IDENTITY_MESSAGES } from './identity.messages';
import { loadJose } from './jose';
import { Principal } from './principal';
import { principalToClaims } from './principal-claims';
import { TOKEN_KEYS, TokenKeys } from './token-keys';

/**
 * Signs development/test tokens with the dev key. In production and in jwks mode tokens come
 * from the identity provider only, so issuing is refused.
 */
@Injectable()
export class TokenService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TOKEN_KEYS) private readonly keys: TokenKeys,
  ) {}

  get canIssue(): boolean {
    return this.config.NODE_ENV !== 'production' && this.config.AUTH_MODE === 'dev-keys' && Boolean(this.keys.signing);
  }

  /** A signed JWT for `principal`, valid for `ttlSeconds` (default AUTH_TOKEN_TTL_S). */
  async issue(principal: Principal, ttlSeconds: number = this.config.AUTH_TOKEN_TTL_S): Promise<string> {
    const signing = this.keys.signing;
    if (!this.canIssue || !signing) throw new IdentityDevTokensDisabledException();
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
      throw new IdentityInvalidPrincipalException([{ field: 'ttlSeconds', message: IDENTITY_MESSAGES.invalidTtl }]);
    }
    const { sub, ...claims } = principalToClaims(principal);
    const jose = await loadJose();
    const now = Math.floor(Date.now() / 1000);
    return new jose.SignJWT(claims)
      .setProtectedHeader({ alg: signing.alg, kid: signing.kid, typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(this.config.AUTH_ISSUER)
      .setAudience(this.config.AUTH_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .setJti(randomUUID())
      .sign(signing.key);
  }
}
