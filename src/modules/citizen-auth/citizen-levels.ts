/** SPID/CIE assurance levels as `acr` values (the same URIs for CIE). */
export const ACR_PREFIX = 'https://www.spid.gov.it/SpidL';
export type AuthLevel = 1 | 2 | 3;
export const AUTH_LEVELS: readonly AuthLevel[] = [1, 2, 3];

export const acrOf = (level: AuthLevel): string => `${ACR_PREFIX}${level}`;

/** The level an `acr` value states, or null when it is not one of the three. */
export function levelOfAcr(acr: unknown): AuthLevel | null {
  if (typeof acr !== 'string' || !acr.startsWith(ACR_PREFIX)) return null;
  const n = Number(acr.slice(ACR_PREFIX.length));
  return n === 1 || n === 2 || n === 3 ? n : null;
}

/** A procedure's `spidLevel` ('1' | '2' | '3' | 'none') as the level a session must have. */
export const requiredLevel = (spidLevel: string): AuthLevel => (spidLevel === '2' ? 2 : spidLevel === '3' ? 3 : 1);

export const parseLevel = (raw: unknown): AuthLevel | null => (raw === '1' || raw === '2' || raw === '3' ? (Number(raw) as AuthLevel) : null);
