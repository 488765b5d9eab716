import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Handlebars from 'handlebars';

/** What a document template produces; the PDF renderer only lays it out. */
export type ContentBlock = { kind: 'row'; label: string; value: string } | { kind: 'text'; text: string };

export interface DocumentContent {
  title: string;
  /** Lines of the protocol stamp (segnatura), printed in a box. */
  stamp: string[];
  sections: Array<{ heading: string | null; blocks: ContentBlock[] }>;
  /** Notes printed beside the QR code. */
  notes: string[];
}

/**
 * Parses a rendered template, one element per line: `# ` title, `! ` stamp line, `## ` section,
 * `- label :: value` row, `% ` note beside the QR code, anything else a paragraph.
 */
export function parseContent(text: string): DocumentContent {
  const content: DocumentContent = { title: '', stamp: [], sections: [], notes: [] };
  const section = (): DocumentContent['sections'][number] => {
    if (content.sections.length === 0) content.sections.push({ heading: null, blocks: [] });
    return content.sections[content.sections.length - 1];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('## ')) content.sections.push({ heading: line.slice(3).trim(), blocks: [] });
    else if (line.startsWith('# ')) content.title = line.slice(2).trim();
    else if (line.startsWith('! ')) content.stamp.push(line.slice(2).trim());
    else if (line.startsWith('% ')) content.notes.push(line.slice(2).trim());
    else if (line.startsWith('- ') && line.includes(' :: ')) {
      const at = line.indexOf(' :: ');
      section().blocks.push({ kind: 'row', label: line.slice(2, at).trim(), value: line.slice(at + 4).trim() });
    } else section().blocks.push({ kind: 'text', text: line });
  }
  return content;
}

/** Values go into line-structured output: one line each, whatever the citizen typed. */
function flatten(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim();
  if (Array.isArray(value)) return value.map(flatten);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, flatten(v)]));
  }
  return value;
}

export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** `src/templates/documents/` (read from the source tree, as the e-mail templates are: tsc copies no .hbs). */
export const documentTemplatesDir = (): string => join(projectRoot(), 'src', 'templates', 'documents');

/** Document templates (`<name>/<name>.hbs`), compiled once, rendered without HTML escaping. */
export class DocumentTemplates {
  private readonly env = Handlebars.create();
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();

  constructor(private readonly dir: string = documentTemplatesDir()) {}

  render(name: string, model: Record<string, unknown>): DocumentContent {
    let template = this.compiled.get(name);
    if (!template) {
      const source = readFileSync(join(this.dir, name, `${name}.hbs`), 'utf8');
      template = this.env.compile(source, { noEscape: true, strict: true });
      this.compiled.set(name, template);
    }
    return parseContent(template(flatten(model)));
  }

  /**
   * An act template (`<procedure>/<name>.hbs`, see acts/act-templates). Not strict: an act reads
   * the process data, where optional fields (prescriptions, notes) may be absent.
   */
  renderFile(key: string, file: string, model: Record<string, unknown>): DocumentContent {
    let template = this.compiled.get(`file:${key}`);
    if (!template) {
      template = this.env.compile(readFileSync(file, 'utf8'), { noEscape: true, strict: false });
      this.compiled.set(`file:${key}`, template);
    }
    return parseContent(template(flatten(model)));
  }
}
