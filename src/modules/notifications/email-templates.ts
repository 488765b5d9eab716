import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Handlebars from 'handlebars';
import { NotificationsTemplateFailedException, NotificationsTemplateMissingException } from './notifications.exceptions';
import { EMAIL_EVENTS, EmailEvent, RenderedEmail } from './notifications.types';

/** DI token for the folder holding `<event>.<part>.hbs` and `<procedureKey>/<event>.<part>.hbs`. */
export const EMAIL_TEMPLATES_DIR = Symbol('EMAIL_TEMPLATES_DIR');

/**
 * The build is plain `tsc`, which copies no .hbs files into dist/. Templates are therefore read
 * from the source tree, found from this file's location (src/... under ts-jest, dist/... when
 * built) by walking up to the folder holding package.json. A deployment ships src/templates/.
 */
export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const defaultEmailTemplatesDir = (): string => join(projectRoot(), 'src', 'templates', 'email');

const PARTS = ['subject', 'html', 'text'] as const;
type Part = (typeof PARTS)[number];

const ITALIAN_DATE = new Intl.DateTimeFormat('it-IT', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Rome',
});

/** `{{data protocolDate}}`: "2 marzo 2026" for a Date or an ISO string; anything else as given. */
export function italianDate(value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) return String(value);
  return ITALIAN_DATE.format(date);
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
const tidyText = (s: string): string =>
  `${s
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;

/**
 * Italian e-mail templates. HTML parts are escaped and wrapped in `_layout.html.hbs`
 * (`{{#> layout}}...{{/layout}}`); subject and text parts are not escaped, the text part has its
 * own `_layout.text.hbs`. A procedure overrides any single part by placing a file with the same
 * name under `<procedureKey>/`. Compiled templates are cached for the life of the process.
 */
export class EmailTemplates {
  private readonly htmlEnv = Handlebars.create();
  private readonly textEnv = Handlebars.create();
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();
  private layoutsLoaded = false;

  constructor(readonly dir: string) {
    for (const env of [this.htmlEnv, this.textEnv]) env.registerHelper('data', (v: unknown) => italianDate(v));
  }

  /** Fails fast at boot when a default template or a layout is missing or does not compile. */
  checkDefaults(): void {
    this.loadLayouts();
    for (const event of EMAIL_EVENTS) for (const part of PARTS) this.template(this.locate(null, event, part), part);
  }

  render(procedureKey: string, event: EmailEvent, context: Record<string, unknown>): RenderedEmail {
    this.loadLayouts();
    const out = {} as Record<Part, string>;
    const used = {} as Record<Part, string>;
    for (const part of PARTS) {
      const found = this.locate(procedureKey, event, part);
      used[part] = found.name;
      try {
        out[part] = this.template(found, part)(context);
      } catch (e: unknown) {
        throw new NotificationsTemplateFailedException(`${found.name}.${part}.hbs`, e);
      }
    }
    return { subject: oneLine(out.subject), html: out.html, text: tidyText(out.text), templates: used };
  }

  private locate(procedureKey: string | null, event: EmailEvent, part: Part): { file: string; name: string } {
    if (procedureKey !== null) {
      const file = join(this.dir, procedureKey, `${event}.${part}.hbs`);
      if (existsSync(file)) return { file, name: `${procedureKey}/${event}` };
    }
    const file = join(this.dir, `${event}.${part}.hbs`);
    if (!existsSync(file)) throw new NotificationsTemplateMissingException(file);
    return { file, name: event };
  }

  private template(found: { file: string; name: string }, part: Part): HandlebarsTemplateDelegate {
    const cached = this.compiled.get(found.file);
    if (cached) return cached;
    const env = part === 'html' ? this.htmlEnv : this.textEnv;
    let fn: HandlebarsTemplateDelegate;
    try {
      // compile() is lazy: precompile now so a syntax error surfaces here, at boot, not on first send.
      const source = readFileSync(found.file, 'utf8');
      env.precompile(source);
      fn = env.compile(source, { noEscape: part !== 'html' });
    } catch (e: unknown) {
      throw new NotificationsTemplateFailedException(`${found.name}.${part}.hbs`, e);
    }
    this.compiled.set(found.file, fn);
    return fn;
  }

  private loadLayouts(): void {
    if (this.layoutsLoaded) return;
    for (const [env, name] of [
      [this.htmlEnv, '_layout.html.hbs'],
      [this.textEnv, '_layout.text.hbs'],
    ] as const) {
      const file = join(this.dir, name);
      if (!existsSync(file)) throw new NotificationsTemplateMissingException(file);
      env.registerPartial('layout', readFileSync(file, 'utf8'));
    }
    this.layoutsLoaded = true;
  }
}
