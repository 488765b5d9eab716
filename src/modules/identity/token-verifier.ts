import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config';
import { IdentityUnauthenticatedException, UnauthenticatedReason } from './identity.exceptions';
import { loadJose } from './jose';
import { Principal } from './principal';
import { principalFromClaims } from './principal-claims';
import { TOKEN_KEYS, TokenKeys } from './token-keys';
import { VerifiedTokens } from './verified-tokens';

/** A little leeway for clocks that disagree by a few seconds between IdP and API. */
const CLOCK_TOLERANCE_S = 5;
/** Verified tokens remembered per process (see VerifiedTokens): enough for every active caller. */
const VERIFIED_TOKENS_MAX = 10_000;
const VERIFIED_TOKENS_MAX_AGE_MS = 5 * 60_000;

/** Where staff principals come from: the staff accounts in the database. */
export const STAFF_PRINCIPALS = Symbol('STAFF_PRINCIPALS');
export interface StaffPrincipals {
  principalOf(userId: string, kind: 'operator' | 'analyst' | 'admin'): Promise<Principal | null>;
}

/**
 * Verifies a bearer JWT (signature, exp, iss, aud) and reads its principal. With the staff
 * accounts wired in (the application), a staff token must name an active staff user of that
 * kind, and an operator's offices and headships are the user's memberships, not the claims.
 */
@Injectable()
export class TokenVerifier {
  private readonly verified = new VerifiedTokens(VERIFIED_TOKENS_MAX, VERIFIED_TOKENS_MAX_AGE_MS, CLOCK_TOLERANCE_S);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TOKEN_KEYS) private readonly keys: TokenKeys,
    @Optional() @Inject(STAFF_PRINCIPALS) private readonly staff?: StaffPrincipals,
  ) {}

  async verify(token: string): Promise<Principal> {
    const payload = this.verified.get(token) ?? (await this.verifySignedClaims(token));
    const outcome = principalFromClaims(payload);
    if (!outcome.ok) {
      throw new IdentityUnauthenticatedException('claims', { cause: new Error(outcome.problems.join('; ')) });
    }
    const principal = outcome.principal;
    // Service accounts authenticate with API keys, never with a JWT.
    if (principal.kind === 'service') throw new IdentityUnauthenticatedException('claims', { cause: new Error('no JWT for service accounts') });
    if (principal.kind === 'citizen' || !this.staff) return principal;
    const staff = await this.staff.principalOf(principal.userId, principal.kind);
    if (!staff) throw new IdentityUnauthenticatedException('claims', { cause: new Error('not an active staff user of that kind') });
    return staff;
  }

  /** Signature, iss, aud, exp by jose; the claims are then remembered for this exact token. */
  private async verifySignedClaims(token: string): Promise<Record<string, unknown>> {
    const jose = await loadJose();
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jose.jwtVerify(token, this.keys.verificationKey, {
        issuer: this.config.AUTH_ISSUER,
        audience: this.config.AUTH_AUDIENCE,
        algorithms: this.keys.algorithms,
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['sub', 'exp'],
        // The same clock as the cache of verified tokens (jose would read its own).
        currentDate: new Date(Date.now()),
      }));
    } catch (e) {
      throw new IdentityUnauthenticatedException(reasonOf(e), { cause: e });
    }
    this.verified.remember(token, payload);
    return payload;
  }
}

/** jose's error codes, mapped by string so no jose class crosses module realms under jest. */
function reasonOf(e: unknown): UnauthenticatedReason {
  const code = (e as { code?: unknown } | null)?.code;
  const claim = (e as { claim?: unknown } | null)?.claim;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'signature';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return claim === 'iss' || claim === 'aud' ? 'issuer-audience' : 'claims';
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'keys';
    default:
      return 'malformed';
  }
}
