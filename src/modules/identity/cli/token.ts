import { parseArgs } from 'node:util';
import { ConfigValidationError, loadConfig } from '../../../config';
import { DEMO_CITIZENS } from '../demo-principals';
import { fiscalCodeProblem, normaliseFiscalCode } from '../../../common';
import { IdentityInvalidPrincipalException } from '../identity.exceptions';
import { IDENTITY_MESSAGES } from '../identity.messages';
import { Principal } from '../principal';
import { createTokenKeys } from '../token-keys';
import { TokenService } from '../token.service';

const USAGE = `usage:
  npm run token -- --citizen <codice fiscale> [--name <nome> --surname <cognome>] [--email <e-mail>]
  npm run token -- --operator --office <key> [--office <key>...] [--head <key>...] [--desk] [--user <id>] [--name <nome>]
  npm run token -- --analyst [--user <id>] [--name <nome>]
  npm run token -- --admin [--user <id>] [--name <nome>]
  common: [--ttl <seconds>]`;

class UsageError extends Error {}

/** Builds the principal the arguments describe; names of demo citizens are filled in. */
export function principalFromArgs(argv: string[]): { principal: Principal; ttl?: number } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      citizen: { type: 'string' },
      operator: { type: 'boolean' },
      analyst: { type: 'boolean' },
      admin: { type: 'boolean' },
      name: { type: 'string' },
      surname: { type: 'string' },
      email: { type: 'string' },
      office: { type: 'string', multiple: true },
      head: { type: 'string', multiple: true },
      desk: { type: 'boolean' },
      user: { type: 'string' },
      ttl: { type: 'string' },
    },
  });
  const kinds = [values.citizen !== undefined, values.operator, values.analyst, values.admin].filter(Boolean).length;
  if (kinds !== 1) throw new UsageError('choose exactly one of --citizen, --operator, --analyst, --admin');
  let ttl: number | undefined;
  if (values.ttl !== undefined) {
    if (!/^\d+$/.test(values.ttl)) throw new UsageError('--ttl: must be a whole number of seconds');
    ttl = Number(values.ttl);
  }
  if (values.citizen !== undefined) {
    const fiscalCode = normaliseFiscalCode(values.citizen);
    const problem = fiscalCodeProblem(fiscalCode);
    if (problem) throw new UsageError(`--citizen: ${IDENTITY_MESSAGES.fiscalCode[problem]}`);
    const demo = DEMO_CITIZENS.find((c) => c.fiscalCode === fiscalCode);
    const givenName = values.name ?? demo?.givenName;
    const familyName = values.surname ?? demo?.familyName;
    if (!givenName || !familyName) throw new UsageError('--name and --surname are required for a citizen who is not a demo citizen');
    const email = values.email ?? (values.name || values.surname ? undefined : demo?.email);
    return { principal: { kind: 'citizen', fiscalCode, givenName, familyName, ...(email ? { email } : {}) }, ttl };
  }
  if (values.operator) {
    const offices = values.office ?? [];
    const headOf = values.head ?? [];
    const first = offices[0] ?? headOf[0];
    if (!first) throw new UsageError('--operator needs at least one --office');
    const userId = values.user ?? `op-${first}`;
    return { principal: { kind: 'operator', userId, name: values.name ?? userId, offices, headOf, ...(values.desk ? { desk: true } : {}) }, ttl };
  }
  if (values.desk) throw new UsageError('--desk is for an --operator');
  const kind = values.analyst ? 'analyst' : 'admin';
  const userId = values.user ?? kind;
  return { principal: { kind, userId, name: values.name ?? userId }, ttl };
}

async function main(argv: string[]): Promise<number> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigValidationError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  if (config.NODE_ENV === 'production') {
    process.stderr.write('token: disabled when NODE_ENV=production\n');
    return 1;
  }
  if (config.AUTH_MODE !== 'dev-keys') {
    process.stderr.write('token: needs AUTH_MODE=dev-keys (tokens come from the identity provider in jwks mode)\n');
    return 1;
  }
  let request;
  try {
    request = principalFromArgs(argv);
  } catch (e) {
    if (e instanceof UsageError || (e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`token: ${e.message}\n${USAGE}\n`);
      return 1;
    }
    throw e;
  }
  const tokens = new TokenService(config, await createTokenKeys(config));
  try {
    process.stdout.write(`${await tokens.issue(request.principal, request.ttl)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof IdentityInvalidPrincipalException) {
      const fields = (e.details.fieldErrors ?? []).map((f) => `  ${f.field}: ${f.message}`).join('\n');
      process.stderr.write(`token: ${e.message}\n${fields}\n`);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`token: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
