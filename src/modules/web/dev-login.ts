import type { FieldError } from '../../common';
import {
  DEMO_ADMINS,
  DEMO_ANALYSTS,
  DEMO_CITIZENS,
  DEMO_OPERATORS,
  fiscalCodeProblem,
  normaliseFiscalCode,
  Principal,
} from '../identity';
import { WebInvalidInputException } from './web.exceptions';
import { WEB_MESSAGES as M } from './web.messages';

export interface DevLoginQuery {
  utente?: unknown;
  ufficio?: unknown;
  ruolo?: unknown;
}

const USER_ID = /^[a-z0-9._-]{2,64}$/;
const ROLES = ['responsabile', 'sportello', 'analista', 'amministratore'] as const;

/**
 * The principal `/accesso/sviluppo` logs in, as `npm run token` builds it: a codice fiscale is a
 * citizen (names of demo citizens filled in); a user id with `ufficio` an operator of that office
 * (`ruolo=responsabile`: its head; `ruolo=sportello`: a front-desk operator); a user id with `ruolo=analista|amministratore` an analyst/admin.
 */
export function devPrincipal(query: DevLoginQuery, officeExists: (key: string) => boolean): Principal {
  const fail = (field: string, message: string): never => {
    const errors: FieldError[] = [{ field, message }];
    throw new WebInvalidInputException(message, errors);
  };
  const user = typeof query.utente === 'string' ? query.utente.trim() : '';
  const office = typeof query.ufficio === 'string' ? query.ufficio.trim() : '';
  const role = typeof query.ruolo === 'string' ? query.ruolo.trim() : '';
  if (!user) return fail('utente', M.devLoginUser);
  if (role && !(ROLES as readonly string[]).includes(role)) return fail('ruolo', M.devLoginRole);
  if (!office && !role) {
    const fiscalCode = normaliseFiscalCode(user);
    if (fiscalCodeProblem(fiscalCode)) return fail('utente', `${M.devLoginFiscalCode}: ${user}`);
    const demo = DEMO_CITIZENS.find((c) => c.fiscalCode === fiscalCode);
    return demo ?? { kind: 'citizen', fiscalCode, givenName: M.devCitizenGivenName, familyName: M.devCitizenFamilyName };
  }
  if (!USER_ID.test(user)) return fail('utente', M.devLoginUserId);
  if (role === 'analista') return DEMO_ANALYSTS.find((a) => a.userId === user) ?? { kind: 'analyst', userId: user, name: user };
  if (role === 'amministratore') return DEMO_ADMINS.find((a) => a.userId === user) ?? { kind: 'admin', userId: user, name: user };
  if (!office) return fail('ufficio', M.devLoginRoleNeedsOffice);
  if (!officeExists(office)) return fail('ufficio', M.devLoginOffice);
  const demo = DEMO_OPERATORS.find((o) => o.userId === user);
  return {
    kind: 'operator',
    userId: user,
    name: demo?.name ?? user,
    offices: [office],
    headOf: role === 'responsabile' ? [office] : [],
    ...(role === 'sportello' ? { desk: true } : {}),
  };
}
