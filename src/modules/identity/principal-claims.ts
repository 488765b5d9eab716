import { FieldError, fiscalCodeProblem, normaliseFiscalCode } from '../../common';
import { IdentityInvalidPrincipalException } from './identity.exceptions';
import { IDENTITY_MESSAGES as M } from './identity.messages';
import { CITIZEN_QUEUE } from './policy/policy-subject';
import { isPrincipalKind, Principal } from './principal';

/**
 * The token's wire format. `sub` and `kind` always; citizens carry OIDC/SPID names
 * (`given_name`, `family_name`, `fiscal_number`, possibly `TINIT-`-prefixed), staff carry `name`,
 * operators also `offices` and `head_of`.
 */
export interface PrincipalClaims {
  sub: string;
  kind: Principal['kind'];
  name?: string;
  given_name?: string;
  family_name?: string;
  email?: string;
  fiscal_number?: string;
  offices?: string[];
  head_of?: string[];
  /** Operators of the front desk (membership role `desk`). */
  desk?: boolean;
  [claim: string]: unknown;
}

/** SPID/CIE brokers put the fiscal number under this namespace (ITALIAN-PA.md §3). */
const EID_FISCAL_NUMBER = 'https://attributes.eid.gov.it/fiscal_number';
const OFFICE_KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;
const USER_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const textList = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...new Set(v as string[])] : undefined;

/** Field errors of a principal, empty when it is valid. */
export function principalProblems(p: Principal): FieldError[] {
  const errors: FieldError[] = [];
  const need = (field: string, value: string | undefined) => {
    if (!value || !value.trim()) errors.push({ field, message: M.required });
  };
  const staff = (userId: string, name: string) => {
    if (!USER_ID.test(userId)) errors.push({ field: 'userId', message: M.invalidUserId });
    need('name', name);
  };
  switch (p.kind) {
    case 'citizen': {
      const problem = fiscalCodeProblem(p.fiscalCode);
      if (problem) errors.push({ field: 'fiscalCode', message: M.fiscalCode[problem], code: problem });
      need('givenName', p.givenName);
      need('familyName', p.familyName);
      if (p.email !== undefined && !EMAIL.test(p.email)) errors.push({ field: 'email', message: M.invalidEmail });
      break;
    }
    case 'operator':
      if (p.offices.length === 0) errors.push({ field: 'offices', message: M.noOffice });
      p.offices.forEach((o, i) => {
        if (!OFFICE_KEY.test(o)) errors.push({ field: `offices.${i}`, message: M.invalidKey });
        else if (o === CITIZEN_QUEUE) errors.push({ field: `offices.${i}`, message: M.reservedOffice });
      });
      p.headOf.forEach((o, i) => {
        if (!OFFICE_KEY.test(o)) errors.push({ field: `headOf.${i}`, message: M.invalidKey });
      });
      staff(p.userId, p.name);
      break;
    case 'analyst':
    case 'admin':
      staff(p.userId, p.name);
      break;
    case 'service':
      // Service accounts authenticate with API keys only: no token is ever issued for them.
      errors.push({ field: 'kind', message: `${M.unknownKind}: service` });
      break;
    default: {
      const unknownKind: never = p;
      errors.push({ field: 'kind', message: `${M.unknownKind}: ${String((unknownKind as { kind: unknown }).kind)}` });
    }
  }
  return errors;
}

/** Normalises (fiscal code upper-case, head-of offices among offices) then validates. */
export function normalisePrincipal(p: Principal): Principal {
  let normal: Principal;
  if (p.kind === 'citizen') {
    normal = { ...p, fiscalCode: normaliseFiscalCode(p.fiscalCode), givenName: p.givenName.trim(), familyName: p.familyName.trim() };
    if (p.email === undefined) delete normal.email;
  } else if (p.kind === 'operator') {
    const headOf = [...new Set(p.headOf)];
    normal = { ...p, headOf, offices: [...new Set([...p.offices, ...headOf])] };
  } else {
    normal = { ...p };
  }
  const errors = principalProblems(normal);
  if (errors.length) throw new IdentityInvalidPrincipalException(errors);
  return normal;
}

export function principalToClaims(principal: Principal): PrincipalClaims {
  const p = normalisePrincipal(principal);
  switch (p.kind) {
    case 'citizen':
      return {
        sub: p.fiscalCode,
        kind: p.kind,
        given_name: p.givenName,
        family_name: p.familyName,
        fiscal_number: p.fiscalCode,
        ...(p.email ? { email: p.email } : {}),
      };
    case 'operator':
      return { sub: p.userId, kind: p.kind, name: p.name, offices: p.offices, head_of: p.headOf, ...(p.desk ? { desk: true } : {}) };
    case 'analyst':
    case 'admin':
      return { sub: p.userId, kind: p.kind, name: p.name };
    case 'service':
      throw new IdentityInvalidPrincipalException([{ field: 'kind', message: `${M.unknownKind}: service` }]);
  }
}

export type ClaimsOutcome = { ok: true; principal: Principal } | { ok: false; problems: string[] };

/** Reads verified claims into a principal; outside data, so everything is checked. */
export function principalFromClaims(claims: Record<string, unknown>): ClaimsOutcome {
  const kind = claims.kind;
  const sub = text(claims.sub);
  if (!isPrincipalKind(kind)) return { ok: false, problems: ['kind: missing or unknown'] };
  if (!sub) return { ok: false, problems: ['sub: missing'] };
  let candidate: Principal;
  if (kind === 'citizen') {
    const rawCf = text(claims.fiscal_number) ?? text(claims[EID_FISCAL_NUMBER]) ?? sub;
    const email = text(claims.email);
    candidate = {
      kind,
      fiscalCode: normaliseFiscalCode(rawCf),
      givenName: text(claims.given_name) ?? '',
      familyName: text(claims.family_name) ?? '',
      ...(email ? { email } : {}),
    };
  } else if (kind === 'operator') {
    const offices = textList(claims.offices ?? []);
    const headOf = textList(claims.head_of ?? []);
    if (!offices || !headOf) return { ok: false, problems: ['offices/head_of: must be lists of strings'] };
    if (claims.desk !== undefined && typeof claims.desk !== 'boolean') return { ok: false, problems: ['desk: must be a boolean'] };
    candidate = { kind, userId: sub, name: text(claims.name) ?? '', offices, headOf, ...(claims.desk === true ? { desk: true } : {}) };
  } else {
    candidate = { kind, userId: sub, name: text(claims.name) ?? '' };
  }
  try {
    return { ok: true, principal: normalisePrincipal(candidate) };
  } catch (e) {
    if (e instanceof IdentityInvalidPrincipalException) {
      return { ok: false, problems: (e.details.fieldErrors ?? []).map((f) => `${f.field}: ${f.message}`) };
    }
    throw e;
  }
}
