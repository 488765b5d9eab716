/**
 * Path rules the guard applies when a controller carries no decorator it could read (another
 * module's controller). `METHOD /path` where a trailing `/*` means "this path and below" and a
 * trailing `*` a plain prefix. Rules are matched against the route template Nest resolved
 * (`/api/v1/procedures/:key`), falling back to the request path.
 */
export interface RouteRules {
  /** No token needed. */
  public: readonly string[];
  /**
   * Guarded by their own controller guard with ADMIN_API_TOKEN (engine incidents): that static
   * token passes here, and so does the JWT of an `admin` principal.
   */
  adminToken: readonly string[];
}

export const ROUTE_RULES = Symbol('ROUTE_RULES');

export const DEFAULT_ROUTE_RULES: RouteRules = {
  public: ['GET /api/v1/procedures/*', 'GET /api/v1/forms/*', 'GET /api/docs*', 'GET /health/*'],
  adminToken: ['* /api/v1/admin/*'],
};

const unsafe = /(^|\/)\.\.?(\/|$)|\/\/|%2e|%2f|%5c|\\/i;

export function matchesRule(rule: string, method: string, path: string): boolean {
  const space = rule.indexOf(' ');
  const ruleMethod = rule.slice(0, space).toUpperCase();
  const pattern = rule.slice(space + 1);
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  if (ruleMethod !== '*' && ruleMethod !== m) return false;
  if (unsafe.test(path)) return false;
  const clean = path.length > 1 ? path.replace(/\/$/, '') : path;
  if (pattern.endsWith('/*')) {
    const base = pattern.slice(0, -2);
    return clean === base || clean.startsWith(`${base}/`);
  }
  if (pattern.endsWith('*')) return clean.startsWith(pattern.slice(0, -1));
  return clean === pattern;
}

export const matchesAny = (rules: readonly string[], method: string, path: string): boolean =>
  rules.some((r) => matchesRule(r, method, path));
