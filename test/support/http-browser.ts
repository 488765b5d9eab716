/**
 * A browser over plain fetch: a cookie jar for one site (cookie paths ignored: the names differ),
 * no redirects followed, so each hop of a login can be checked and sent wherever the test wants.
 */
export class HttpBrowser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async get(path: string, init: RequestInit = {}): Promise<Response> {
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { accept: 'text/html', cookie: this.cookieHeader(), ...(init.headers ?? {}) } });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const expired = attrs.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(i + 1));
    }
    return res;
  }

  post(path: string, form: Record<string, string>): Promise<Response> {
    return this.get(path, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Where a redirect goes (fails the test when the answer is not a redirect). */
export const location = (res: Response): string => {
  expect([302, 303]).toContain(res.status);
  return res.headers.get('location') ?? '';
};

export const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** The authorization request's parameters: the URL carries only client_id and the signed request object. */
export const requestParams = (auth: URL): URLSearchParams => {
  const jwt = auth.searchParams.get('request') ?? '';
  const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  return new URLSearchParams(Object.entries(claims).map(([k, v]) => [k, String(v)]));
};
