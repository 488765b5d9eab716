/**
 * What of an error may be logged. SQL errors carry the statement's parameters (a citizen's fiscal
 * code, name, e-mail, form data) and PostgreSQL quotes offending values in `message` and
 * `detail`: of those only the SQLSTATE, the constraint/table/column names and the stack frames
 * are kept. Other errors keep their message (our DomainExceptions carry codes and ids, not
 * personal data). Logs carry ids, never personal data.
 */
export function safeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const e = error as Error & Record<string, unknown>;
  const driver = (e.driverError ?? undefined) as Record<string, unknown> | undefined;
  const sqlState = [e.code, driver?.code].find((c): c is string => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c));
  const isSql = sqlState !== undefined || e.name === 'QueryFailedError' || 'parameters' in e || 'query' in e;
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 12).join('\n');
  const out: Record<string, unknown> = { type: e.name, stack: frames };
  if (isSql) {
    out.sqlState = sqlState;
    for (const k of ['constraint', 'table', 'column', 'routine'] as const) {
      const v = e[k] ?? driver?.[k];
      if (typeof v === 'string') out[k] = v;
    }
  } else {
    out.message = e.message;
    if (typeof e.code === 'string') out.code = e.code;
  }
  if (e.cause !== undefined && depth < 3) out.cause = safeError(e.cause, depth + 1);
  return out;
}
