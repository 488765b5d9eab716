/** The provider's own pages (koa context of oidc-provider): logout confirmation and errors, Italian, no inline script. */
interface KoaLike {
  type: string;
  body: string;
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, inner: string): string =>
  `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>${escape(title)}</title>` +
  `<link rel="stylesheet" href="/static/bootstrap-italia/css/bootstrap-italia.min.css"></head>` +
  `<body><main class="container my-5"><h1>${escape(title)}</h1>${inner}</main></body></html>`;

export async function devIdpLogoutPage(ctx: KoaLike, form: string): Promise<void> {
  ctx.type = 'html';
  ctx.body = page(
    'Uscire dal gestore di identità di sviluppo?',
    `${form}<p>Si sta uscendo anche dal gestore di identità.</p>` +
      `<button class="btn btn-primary" type="submit" form="op.logoutForm" name="logout" value="yes">Esci</button> ` +
      `<button class="btn btn-outline-primary" type="submit" form="op.logoutForm">Resta collegato al gestore</button>`,
  );
}

export async function devIdpErrorPage(ctx: KoaLike, out: { error?: string; error_description?: string }): Promise<void> {
  ctx.type = 'html';
  ctx.body = page('Errore del gestore di identità di sviluppo', `<p>${escape(String(out.error ?? 'errore'))}: ${escape(String(out.error_description ?? ''))}</p>`);
}
