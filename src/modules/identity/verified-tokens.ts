/**
 * Claims of bearer tokens this process has already verified (signature, iss, aud, exp), keyed by
 * the exact token text: a repeated token skips the signature check (an ECDSA verify costs about a
 * millisecond of CPU, on every API call). Only a successful verification is remembered, and an
 * entry ends at the token's exp (with the same clock tolerance the verifier allows) or after
 * `maxAgeMs`, whichever comes first. The cap keeps a key withdrawn at the IdP from being honoured
 * longer than jose's own JWKS cache already honours it. What depends on the database (an
 * operator's account and memberships) is not cached here: the verifier reads it every time.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { claims: Record<string, unknown>; until: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxAgeMs: number,
    private readonly toleranceS: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get(token: string): Record<string, unknown> | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.now() >= entry.until) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.claims;
  }

  /** Remembers verified claims; a token without a numeric exp is not remembered. */
  remember(token: string, claims: Record<string, unknown>): void {
    if (typeof claims.exp !== 'number') return;
    const until = Math.min((claims.exp + this.toleranceS) * 1000, this.now() + this.maxAgeMs);
    if (until <= this.now()) return;
    this.entries.delete(token);
    this.entries.set(token, { claims, until });
    // Oldest first (Map keeps insertion order): drop the oldest beyond the bound.
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
