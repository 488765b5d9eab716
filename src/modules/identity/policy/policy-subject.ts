/**
 * Who asks, as far as a policy needs to know. A `Principal` fits, and so do the narrower viewer
 * shapes services already pass around (a case viewer, a task actor).
 */
export type PolicySubject =
  | { kind: 'citizen'; fiscalCode: string }
  | { kind: 'operator'; offices: readonly string[]; headOf?: readonly string[] }
  | { kind: 'analyst' }
  | { kind: 'admin' }
  /** A vertical's service account: its scopes are checked by the route; its offices and procedures narrow what it reads. */
  | { kind: 'service'; offices: readonly string[]; procedures: readonly string[] };

/** The reserved queue of tasks addressed to the citizen; never an office. */
export const CITIZEN_QUEUE = 'citizen';

export const worksIn = (s: PolicySubject, office: string): boolean =>
  s.kind === 'operator' && office !== CITIZEN_QUEUE && s.offices.includes(office);

export const heads = (s: PolicySubject, office: string): boolean =>
  s.kind === 'operator' && office !== CITIZEN_QUEUE && (s.headOf ?? []).includes(office) && s.offices.includes(office);
