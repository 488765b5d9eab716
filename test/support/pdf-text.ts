import { inflateSync } from 'node:zlib';

/**
 * Reads back what pdfkit wrote, for tests: objects, inflated streams, the fonts each page uses
 * and their ToUnicode maps, and the text shown by Tj/TJ. Enough for pdfkit's output (Identity-H
 * fonts with bfrange ToUnicode maps), not a general PDF parser.
 */
export interface PdfSummary {
  text: string;
  /** BaseFont names of embedded font files (FontFile2), e.g. `ABCDEF+TitilliumWeb-Regular`. */
  embeddedFonts: string[];
  /** The XMP metadata packet, if any. */
  xmp: string;
  hasOutputIntent: boolean;
  images: number;
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const source = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(source))) {
    const start = match.index + match[0].length;
    const end = source.indexOf('endobj', start);
    const body = source.slice(start, end);
    const streamAt = body.indexOf('stream');
    let dict = body;
    let stream: Buffer | null = null;
    if (streamAt >= 0 && /^stream\r?\n/.test(body.slice(streamAt))) {
      dict = body.slice(0, streamAt);
      const dataStart = start + streamAt + (body.slice(streamAt).startsWith('stream\r\n') ? 8 : 7);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const raw = pdf.subarray(dataStart, dataStart + length);
      stream = /\/Filter \/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
    }
    objects.set(Number(match[1]), { dict, stream });
    header.lastIndex = end;
  }
  return objects;
}

function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const range = /<([0-9a-f]{4})> <([0-9a-f]{4})> \[([^\]]*)\]/gi;
  let m: RegExpExecArray | null;
  while ((m = range.exec(cmap))) {
    const start = parseInt(m[1], 16);
    const entries = m[3].match(/<([0-9a-f ]+)>/gi) ?? [];
    entries.forEach((entry, i) => {
      const units = entry.slice(1, -1).trim().split(/\s+/).map((h) => parseInt(h, 16));
      map.set(start + i, String.fromCharCode(...units));
    });
  }
  return map;
}

const ref = (dict: string, key: string): number | undefined => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : undefined;
};

export function readPdf(pdf: Buffer): PdfSummary {
  const objects = readObjects(pdf);
  const fontMaps = new Map<string, Map<number, string>>();
  const embeddedFonts: string[] = [];
  let xmp = '';
  let images = 0;
  for (const [, obj] of objects) {
    if (/\/Type \/FontDescriptor/.test(obj.dict) && /\/FontFile2 \d+ 0 R/.test(obj.dict)) {
      embeddedFonts.push(/\/FontName \/([^\s/]+)/.exec(obj.dict)?.[1] ?? '?');
    }
    if (/\/Subtype \/XML/.test(obj.dict) && obj.stream) xmp = obj.stream.toString('utf8');
    if (/\/Subtype \/Image/.test(obj.dict)) images += 1;
  }
  let text = '';
  for (const [, page] of objects) {
    if (!/\/Type \/Page\b/.test(page.dict)) continue;
    const resources = ref(page.dict, 'Resources');
    const resourceDict = resources !== undefined ? objects.get(resources)!.dict : page.dict;
    const fontBlock = /\/Font <<([^>]*)>>/.exec(resourceDict)?.[1] ?? '';
    for (const [, name, id] of fontBlock.matchAll(/\/(\S+) (\d+) 0 R/g)) {
      const toUnicode = ref(objects.get(Number(id))!.dict, 'ToUnicode');
      if (toUnicode !== undefined) fontMaps.set(name, toUnicodeMap(objects.get(toUnicode)!.stream!.toString('latin1')));
    }
    const contents = ref(page.dict, 'Contents');
    const stream = contents !== undefined ? objects.get(contents)!.stream!.toString('latin1') : '';
    let font = new Map<number, string>();
    for (const op of stream.matchAll(/\/(\S+) [\d.]+ Tf|\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)*)\] TJ|<([0-9a-f]*)> Tj/gi)) {
      if (op[1]) {
        font = fontMaps.get(op[1]) ?? new Map();
        text += '\n';
        continue;
      }
      const hexes = op[2] ? [...op[2].matchAll(/<([0-9a-f]*)>/gi)].map((h) => h[1]) : [op[3]];
      for (const hex of hexes) for (let i = 0; i + 4 <= hex.length; i += 4) text += font.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
      text += ' ';
    }
  }
  const catalog = [...objects.values()].find((o) => /\/Type \/Catalog/.test(o.dict));
  return { text: text.replace(/[ \t]+/g, ' '), embeddedFonts, xmp, hasOutputIntent: Boolean(catalog && /\/OutputIntents/.test(catalog.dict)), images };
}

/** Text with all whitespace collapsed, for `toContain` checks across line breaks. */
export const flatText = (pdf: Buffer): string => readPdf(pdf).text.replace(/\s+/g, ' ');
