import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CartRequest } from '../payments.port';

function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const euro = (cents: number) => new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format(cents / 100);
let compiled: HandlebarsTemplateDelegate | undefined;

/** The development Checkout page (src/templates/dev-pagopa/checkout.html.hbs): HTML-escaped, no scripts. */
export function renderCheckoutPage(cart: { id: string; request: CartRequest; status: string }): string {
  compiled ??= Handlebars.create().compile(readFileSync(join(projectRoot(), 'src', 'templates', 'dev-pagopa', 'checkout.html.hbs'), 'utf8'), { strict: true });
  const notices = cart.request.paymentNotices.map((n) => ({ ...n, amount: euro(n.amount) }));
  const total = euro(cart.request.paymentNotices.reduce((s, n) => s + n.amount, 0));
  return compiled({ id: cart.id, open: cart.status === 'OPEN', status: cart.status, notices, total });
}
