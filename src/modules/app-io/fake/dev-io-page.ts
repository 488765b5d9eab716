import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesDir } from '../../web';
import type { DevIoCitizen } from './fake-app-io';

const euro = (cents: unknown): string =>
  typeof cents === 'number' ? new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format(cents / 100) : '';
const ITALIAN_DATE_TIME = new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' });
const italianDate = (d: Date): string => ITALIAN_DATE_TIME.format(new Date(d));
let compiled: HandlebarsTemplateDelegate | undefined;

/** The development IO's inbox page (src/templates/dev-io/inbox.html.hbs): HTML-escaped, no scripts. */
export function renderDevIoPage(citizens: DevIoCitizen[], absent: Array<{ fiscalCode: string; name: string }> = []): string {
  compiled ??= Handlebars.create().compile(readFileSync(join(templatesDir(), 'dev-io', 'inbox.html.hbs'), 'utf8'), { strict: false });
  return compiled({
    absent,
    citizens: citizens.map((c) => ({
      ...c,
      messages: c.messages.map((m) => ({
        ...m,
        createdAt: italianDate(m.createdAt),
        dueDate: m.dueDate ? italianDate(m.dueDate) : null,
        amount: m.paymentData ? euro(m.paymentData.amount) : null,
        noticeNumber: m.paymentData ? String(m.paymentData.notice_number ?? '') : null,
      })),
    })),
  });
}
