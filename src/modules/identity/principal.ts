/** Who is calling: one of four kinds, each with what the platform needs to decide access. */
export const PRINCIPAL_KINDS = ['citizen', 'operator', 'analyst', 'admin'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

export interface CitizenPrincipal {
  kind: 'citizen';
  /** Upper-case codice fiscale, without the `TINIT-` prefix. */
  fiscalCode: string;
  givenName: string;
  familyName: string;
  email?: string;
}

export interface OperatorPrincipal {
  kind: 'operator';
  userId: string;
  name: string;
  /** Office keys (processes/offices.json) whose queues the operator works. */
  offices: string[];
  /** Offices the operator heads; always a subset of `offices`. */
  headOf: string[];
  /**
   * A front-desk ("sportello") operator: sees every case of a citizen and files any procedure on
   * their behalf. True when any membership has role `desk`. Optional so principals built before
   * the role existed (sessions, tokens) read as "not a desk operator".
   */
  desk?: boolean;
}

/** Roles of a staff membership in an office (staff_membership.role); `desk` is the front desk (sportello). */
export const MEMBERSHIP_ROLES = ['operator', 'head', 'desk'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export interface AnalystPrincipal {
  kind: 'analyst';
  userId: string;
  name: string;
}

export interface AdminPrincipal {
  kind: 'admin';
  userId: string;
  name: string;
}

/** What a service account may do; its offices and procedures narrow each scope. */
export const SERVICE_SCOPES = ['cases:read', 'tasks:complete', 'events:read'] as const;
export type ServiceScope = (typeof SERVICE_SCOPES)[number];

/**
 * A machine client (a vertical) calling with an API key, authenticated against the database on
 * every call; never issued as a JWT. `procedures` empty means every procedure of its offices.
 */
export interface ServicePrincipal {
  kind: 'service';
  accountId: string;
  keyId: string;
  name: string;
  scopes: ServiceScope[];
  offices: string[];
  procedures: string[];
}

export type Principal = CitizenPrincipal | OperatorPrincipal | AnalystPrincipal | AdminPrincipal | ServicePrincipal;

/** Kinds a route may admit with `@Roles`: the token kinds and service accounts. */
export type CallerKind = PrincipalKind | 'service';

export const isPrincipalKind = (v: unknown): v is PrincipalKind =>
  typeof v === 'string' && (PRINCIPAL_KINDS as readonly string[]).includes(v);

/** A stable identifier for logs and audit: the user id, or the fiscal code for citizens. */
export const principalSubject = (p: Principal): string =>
  p.kind === 'citizen' ? p.fiscalCode : p.kind === 'service' ? `service:${p.name}` : p.userId;
