import { isValidFiscalCode, normaliseFiscalCode } from '../../common/fiscal-code';
import type { CitizenPrincipal } from '../identity';
import type { AuthLevel } from './citizen-levels';

/** A citizen as an identity provider vouched for them (ITALIAN-PA §3, the `CitizenAuth` port's result). */
export interface CitizenIdentity {
  fiscalCode: string;
  givenName: string;
  familyName: string;
  email?: string;
  authLevel: AuthLevel;
  method: 'spid' | 'cie';
  idp: string;
}

/** The claim names SPID/CIE OIDC use for the fiscal number (namespaced) and the short form some brokers send. */
export const FISCAL_NUMBER_CLAIMS = ['https://attributes.eid.gov.it/fiscal_number', 'fiscal_number'] as const;

const name = (v: unknown): string | null => (typeof v === 'string' && v.trim().length > 0 && v.trim().length <= 100 ? v.trim() : null);
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,63}$/;

/**
 * Maps ID token + userinfo claims to an identity, or returns the name of the first claim that is
 * missing or wrong. The fiscal number must read `TINIT-<codice fiscale>` with a valid check character.
 */
export function identityFromClaims(
  claims: Record<string, unknown>,
  level: AuthLevel,
  provider: { id: string; kind: 'spid' | 'cie' },
): CitizenIdentity | { problem: string } {
  const raw = FISCAL_NUMBER_CLAIMS.map((c) => claims[c]).find((v) => typeof v === 'string');
  if (typeof raw !== 'string' || !/^TINIT-/i.test(raw.trim())) return { problem: 'fiscal_number' };
  const fiscalCode = normaliseFiscalCode(raw);
  if (!isValidFiscalCode(fiscalCode)) return { problem: 'fiscal_number' };
  const givenName = name(claims.given_name);
  if (!givenName) return { problem: 'given_name' };
  const familyName = name(claims.family_name);
  if (!familyName) return { problem: 'family_name' };
  const email = typeof claims.email === 'string' && EMAIL.test(claims.email) ? claims.email : undefined;
  return { fiscalCode, givenName, familyName, ...(email ? { email } : {}), authLevel: level, method: provider.kind, idp: provider.id };
}

export const principalOf = (i: CitizenIdentity): CitizenPrincipal => ({
  kind: 'citizen',
  fiscalCode: i.fiscalCode,
  givenName: i.givenName,
  familyName: i.familyName,
  ...(i.email ? { email: i.email } : {}),
});
