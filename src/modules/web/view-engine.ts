import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import Handlebars from 'handlebars';

type Renderer = (filePath: string, options: object, callback: (e: unknown, html?: string) => void) => void;

const DATE = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Rome' });
const DATE_TIME = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome' });
const EURO = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' });

const asDate = (v: unknown): Date | null => {
  if (v instanceof Date) return v;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T12:00:00Z`);
  if (typeof v === 'string' || typeof v === 'number') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
};

/**
 * Handlebars for pages: `views/<name>.hbs` rendered inside `layouts/<layout>.hbs` (`main` unless the
 * view model names another), every file of `partials/` registered by its name. Compiled templates
 * are cached unless `cache` is off (development edits show at once).
 */
export function createViewEngine(root: string, cache: boolean): Renderer {
  const hbs = Handlebars.create();
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const compile = (file: string): HandlebarsTemplateDelegate => {
    const hit = cache ? compiled.get(file) : undefined;
    if (hit) return hit;
    const template = hbs.compile(readFileSync(file, 'utf8'), { strict: false });
    compiled.set(file, template);
    return template;
  };
  registerHelpers(hbs);
  let partialsLoaded = false;
  const loadPartials = (): void => {
    if (partialsLoaded && cache) return;
    for (const file of readdirSync(join(root, 'partials'))) {
      if (file.endsWith('.hbs')) hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(root, 'partials', file), 'utf8'));
    }
    partialsLoaded = true;
  };
  return (filePath, options, callback) => {
    try {
      loadPartials();
      const context = options as Record<string, unknown>;
      const body = compile(filePath)(context);
      const layout = typeof context.layout === 'string' ? context.layout : 'main';
      const html = compile(join(root, 'layouts', `${layout}.hbs`))({ ...context, body, view: relative(root, filePath) });
      callback(null, html);
    } catch (e) {
      callback(e);
    }
  };
}

function registerHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hbs.registerHelper('date', (v: unknown) => {
    const d = asDate(v);
    return d ? DATE.format(d) : '';
  });
  hbs.registerHelper('dateTime', (v: unknown) => {
    const d = asDate(v);
    return d ? DATE_TIME.format(d) : '';
  });
  hbs.registerHelper('isoDate', (v: unknown) => {
    const d = asDate(v);
    return d ? d.toISOString() : '';
  });
  hbs.registerHelper('euro', (cents: unknown) => (typeof cents === 'number' ? EURO.format(cents / 100) : ''));
  hbs.registerHelper('json', (v: unknown) => JSON.stringify(v ?? null).replace(/</g, '\\u003c'));
  hbs.registerHelper('url', (v: unknown) => encodeURIComponent(typeof v === 'string' ? v : ''));
  hbs.registerHelper('inc', (v: unknown) => (typeof v === 'number' ? v + 1 : v));
}
